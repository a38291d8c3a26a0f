package dev.gangway.gateway.http;

import dev.gangway.gateway.config.WebSocketConfig;
import dev.gangway.gateway.cors.CorsRoutePolicy;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a WebSocket handshake's {@code Origin} may open a socket: no {@code Origin}
 * (not a browser), the gateway's own origin (its authority equals the {@code Host} header), or one
 * listed in {@code websocket.allowed_origins} ({@code *} allows any), or one the route's CORS
 * settings allow (marked by {@link CorsRoutePolicy#ORIGIN_ALLOWED} in the policy stage). Browsers neither apply CORS
 * to WebSockets nor hold back cookies, so this is what stops another site's page from using a
 * signed-in user's cookies on a socket.
 *
 * <p>Stateless and thread-safe.
 */
final class WebSocketOrigins {
  private WebSocketOrigins() {}

  /** The refused origin as sent, or empty when the handshake may go on. */
  static Optional<String> refused(HttpServerExchange exchange, WebSocketConfig config) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (origin == null || exchange.getAttachment(CorsRoutePolicy.ORIGIN_ALLOWED) != null) {
      return Optional.empty();
    }
    String normalized = origin.trim().toLowerCase(Locale.ROOT);
    if (config.allowedOrigins().contains(WebSocketConfig.ANY)
        || config.allowedOrigins().contains(normalized)
        || sameOrigin(normalized, exchange.getRequestHeaders().getFirst(Headers.HOST))) {
      return Optional.empty();
    }
    return Optional.of(origin);
  }

  /** {@code http://h:p} against {@code Host: h:p}; {@code null} origins (sandboxes) never match. */
  private static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    int scheme = origin.indexOf("://");
    if (scheme < 0) {
      return false;
    }
    return origin.substring(scheme + 3).equals(host.trim().toLowerCase(Locale.ROOT));
  }
}
