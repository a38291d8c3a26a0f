package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * WebSocket settings: which browser origins may open sockets, and how often open sockets are
 * pinged. Origins matter because browsers send cookies with a WebSocket handshake from any site
 * and do not apply CORS to it: without the check any page could open a socket with the user's
 * cookies (cross-site WebSocket hijacking) when {@code headers.forward} passes them on.
 *
 * <p>Immutable. A handshake without an {@code Origin} header (not a browser) is always allowed, and
 * so is one whose origin is the gateway's own ({@code Origin} host equal to {@code Host}).
 *
 * @param allowedOrigins further origins allowed, as {@code scheme://host[:port]} in lower case
 *     without a trailing slash, or {@code *} for any origin
 * @param pingInterval how often the gateway pings each open socket, so that proxies and load
 *     balancers with idle timeouts keep quiet sockets open and a peer that stopped answering is
 *     noticed (default 30s)
 */
public record WebSocketConfig(Set<String> allowedOrigins, Duration pingInterval) {
  /** Any origin. */
  public static final String ANY = "*";

  public WebSocketConfig {
    allowedOrigins = Set.copyOf(allowedOrigins);
    Objects.requireNonNull(pingInterval, "pingInterval");
  }

  /** Same-origin browsers and non-browser clients only; a ping every 30 seconds. */
  public static final WebSocketConfig DEFAULT =
      new WebSocketConfig(Set.of(), Duration.ofSeconds(30));

  /** These settings with other allowed origins. */
  public WebSocketConfig withAllowedOrigins(Set<String> origins) {
    return new WebSocketConfig(origins, pingInterval);
  }

  /** These settings with another ping interval. */
  public WebSocketConfig withPingInterval(Duration interval) {
    return new WebSocketConfig(allowedOrigins, interval);
  }
}
