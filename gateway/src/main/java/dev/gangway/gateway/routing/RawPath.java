package dev.gangway.gateway.routing;

import io.undertow.server.HttpServerExchange;

/** The request path as routes match it. Stateless. */
public final class RawPath {
  private RawPath() {}

  /**
   * The path as the client sent it, still percent-encoded (the listener runs with URL decoding
   * off), without scheme and host when the request line carried an absolute URI.
   */
  public static String of(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (exchange.isHostIncludedInRequestURI()) {
      int scheme = uri.indexOf("://");
      int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : uri.substring(slash);
    }
    return uri;
  }
}
