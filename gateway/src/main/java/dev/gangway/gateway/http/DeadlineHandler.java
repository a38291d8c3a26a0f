package dev.gangway.gateway.http;

import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Objects;

/**
 * Decides the deadline of the backend call: the route's timeout (else, for a streaming method,
 * the server's {@code stream_timeout}; else the backend's timeout, as {@link
 * dev.gangway.gateway.backend.BoundMethod#timeout()} has it), shortened by the client's
 * {@code grpc-timeout} header, which is itself capped at the server's {@code maxGrpcTimeout}. A malformed header is a 400 naming it. Attaches
 * {@link Attachments#TIMEOUT}.
 *
 * <p>Immutable and thread-safe.
 */
final class DeadlineHandler implements HttpHandler {
  private final HttpHandler next;

  DeadlineHandler(HttpHandler next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    Duration timeout;
    try {
      timeout = GrpcTimeout.shorten(exchange, routed.bound().timeout(),
          routed.snapshot().config().server().maxGrpcTimeout());
    } catch (TranscodingException e) {
      Responses.error(exchange, routed.snapshot().transcoder(), e);
      return;
    }
    exchange.putAttachment(Attachments.TIMEOUT, timeout);
    next.handleRequest(exchange);
  }
}
