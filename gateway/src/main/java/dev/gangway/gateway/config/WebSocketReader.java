package dev.gangway.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code websocket} section: {@code allowed_origins}, each {@code *} or an origin as
 * browsers send it ({@code https://app.example.com}, {@code http://localhost:3000}), and
 * {@code ping_interval}.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class WebSocketReader {
  static final List<String> KEYS = List.of("allowed_origins", "ping_interval");

  private WebSocketReader() {}

  static WebSocketConfig read(ConfigNode node) throws ConfigException {
    node.mapping(KEYS);
    Set<String> origins = new LinkedHashSet<>();
    for (ConfigNode item : node.get("allowed_origins").items()) {
      origins.add(origin(item));
    }
    return new WebSocketConfig(origins, node.get("ping_interval").duration()
        .orElse(WebSocketConfig.DEFAULT.pingInterval()));
  }

  private static String origin(ConfigNode node) throws ConfigException {
    String text = node.requiredText().trim();
    if (text.equals(WebSocketConfig.ANY)) {
      return text;
    }
    String normalized = text.toLowerCase(Locale.ROOT);
    if (isOrigin(normalized)) {
      return normalized;
    }
    throw node.error(ConfigNode.quote(text) + " is not an origin (use scheme://host[:port],"
        + " e.g. https://app.example.com, with no path, or * for any)");
  }

  /** Whether lower-case {@code text} is a web origin, {@code http(s)://host[:port]}. */
  static boolean isOrigin(String text) {
    try {
      URI uri = new URI(text);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
      return web && uri.getHost() != null && bare && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
