package dev.gangway.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code access_log} section. A header that carries credentials is refused with a
 * message, never logged: {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, the
 * API-key headers of {@code auth.providers}, and any name that says it holds a key, token,
 * secret, password or session.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class AccessLogReader {
  static final List<String> KEYS = List.of("enabled", "format", "sample_successes", "headers");
  static final Map<String, AccessLogConfig.Format> FORMATS = ConfigNode.choices(
      AccessLogConfig.Format.values(), AccessLogConfig.Format::configName);
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
  private static final List<String> SECRET_WORDS =
      List.of("key", "token", "secret", "password", "session", "auth", "cookie");

  private AccessLogReader() {}

  static AccessLogConfig read(ConfigNode node, AuthConfig auth) throws ConfigException {
    node.mapping(KEYS);
    AccessLogConfig d = AccessLogConfig.DEFAULT;
    List<String> headers = new ArrayList<>();
    for (ConfigNode item : node.get("headers").items()) {
      headers.add(header(item, auth));
    }
    return new AccessLogConfig(
        node.get("enabled").bool().orElse(d.enabled()),
        node.get("format").choice(FORMATS).orElse(d.format()),
        fraction(node.get("sample_successes"), d.sampleSuccesses()),
        headers);
  }

  /** A number from 0 to 1, or {@code otherwise} when absent. */
  static double fraction(ConfigNode node, double otherwise) throws ConfigException {
    if (node.isAbsent()) {
      return otherwise;
    }
    String text = node.requiredText().trim();
    try {
      double value = Double.parseDouble(text);
      if (value >= 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw node.error(ConfigNode.quote(text) + " is not a number from 0 to 1 (0.1: one in ten)");
  }

  private static String header(ConfigNode node, AuthConfig auth) throws ConfigException {
    String name = node.requiredText().trim().toLowerCase(Locale.ROOT);
    if (!name.matches("[!#$%&'*+.^_`|~0-9a-z-]+")) {
      throw node.error(ConfigNode.quote(name) + " is not a header name");
    }
    boolean secret = SECRET_HEADERS.contains(name);
    for (AuthConfig.ProviderConfig provider : auth.providers()) {
      secret |= provider instanceof AuthConfig.ApiKeyProvider keys && keys.header()
          .map(h -> h.toLowerCase(Locale.ROOT)).filter(name::equals).isPresent();
    }
    for (String word : SECRET_WORDS) {
      secret |= name.contains(word);
    }
    if (secret) {
      throw node.error(ConfigNode.quote(name) + " may carry credentials and is never logged");
    }
    return name;
  }
}
