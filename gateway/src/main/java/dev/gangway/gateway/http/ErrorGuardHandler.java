package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * The outermost gateway handler: whatever the chain throws becomes a logged 500 with the constant
 * {@code google.rpc.Status} body, never a stack trace or Undertow's own error page.
 *
 * <p>Immutable and thread-safe.
 */
final class ErrorGuardHandler implements HttpHandler {
  private final HttpHandler next;

  ErrorGuardHandler(HttpHandler next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Responses.guarded(exchange, () -> next.handleRequest(exchange));
  }
}
