package dev.gangway.gateway.access;

import io.undertow.server.HttpServerExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Removes the query parameters that carried credentials (a browser's WebSocket token, an API key)
 * from the request once the access stage has read them: binding would reject them as unknown
 * fields, and a backend has no business seeing them.
 *
 * <p>Stateless.
 */
final class CredentialParameters {
  private CredentialParameters() {}

  static void strip(HttpServerExchange exchange, Set<String> names) {
    String query = exchange.getQueryString();
    if (names.isEmpty() || query == null || query.isEmpty()) {
      return;
    }
    StringBuilder kept = new StringBuilder(query.length());
    boolean removed = false;
    int start = 0;
    while (start <= query.length()) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      String pair = query.substring(start, end);
      int eq = pair.indexOf('=');
      if (names.contains(decode(eq < 0 ? pair : pair.substring(0, eq)))) {
        removed = true;
      } else if (!pair.isEmpty()) {
        kept.append(kept.length() == 0 ? "" : "&").append(pair);
      }
      start = end + 1;
    }
    if (removed) {
      exchange.setQueryString(kept.toString());
      names.forEach(exchange.getQueryParameters()::remove);
    }
  }

  private static String decode(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }
}
