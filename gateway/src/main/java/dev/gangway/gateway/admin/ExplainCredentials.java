package dev.gangway.gateway.admin;

import dev.gangway.gateway.auth.Credentials;
import dev.gangway.gateway.tls.ClientCertificate;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of a request that {@code /admin/explain} describes: the {@code header}
 * parameters ({@code Name: value}) and the query of the explained target. No client certificate
 * and no peer address: explain cannot know them.
 *
 * <p>Not thread-safe; one per explain request.
 */
final class ExplainCredentials implements Credentials {
  private final Map<String, String> headers = new HashMap<>();
  private final Map<String, String> query = new HashMap<>();

  ExplainCredentials(List<String> headerLines, String rawQuery) {
    for (String line : headerLines) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  @Override
  public Optional<String> cookie(String name) {
    String cookies = headers.get("cookie");
    if (cookies == null) {
      return Optional.empty();
    }
    for (String part : cookies.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
        return Optional.of(part.substring(eq + 1).trim());
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<ClientCertificate> clientCertificate() {
    return Optional.empty();
  }

  @Override
  public Optional<InetAddress> peerAddress() {
    return Optional.empty();
  }
}
