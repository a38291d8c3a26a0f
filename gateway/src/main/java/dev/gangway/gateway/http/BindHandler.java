package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Objects;

/**
 * Builds the request message from path, query and body with the route's binding plan: 400 naming
 * the field or parameter, 415 for a body type the route cannot take. Attaches
 * {@link Attachments#MESSAGE}.
 *
 * <p>Immutable and thread-safe.
 */
final class BindHandler implements HttpHandler {
  private final HttpHandler next;

  BindHandler(HttpHandler next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    byte[] message;
    try {
      message = routed.snapshot().transcoder().bind(
          routed.match(),
          exchange.getQueryString(),
          contentType == null ? "" : contentType,
          exchange.getAttachment(Attachments.BODY));
    } catch (TranscodingException e) {
      Responses.error(exchange, routed.snapshot().transcoder(), e);
      return;
    }
    exchange.putAttachment(Attachments.MESSAGE, message);
    next.handleRequest(exchange);
  }
}
