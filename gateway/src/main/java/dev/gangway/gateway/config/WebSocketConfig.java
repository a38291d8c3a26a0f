package dev.gangway.gateway.config;

import java.util.Set;

/**
 * Which browser origins may open WebSockets. Browsers send cookies with a WebSocket handshake from
 * any site and do not apply CORS to it, so without this check any page could open a socket with
 * the user's cookies (cross-site WebSocket hijacking) when {@code headers.forward} passes them on.
 *
 * <p>Immutable. A handshake without an {@code Origin} header (not a browser) is always allowed, and
 * so is one whose origin is the gateway's own ({@code Origin} host equal to {@code Host}).
 *
 * @param allowedOrigins further origins allowed, as {@code scheme://host[:port]} in lower case
 *     without a trailing slash, or {@code *} for any origin
 */
public record WebSocketConfig(Set<String> allowedOrigins) {
  /** Any origin. */
  public static final String ANY = "*";

  public WebSocketConfig {
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  /** Same-origin browsers and non-browser clients only. */
  public static final WebSocketConfig DEFAULT = new WebSocketConfig(Set.of());
}
