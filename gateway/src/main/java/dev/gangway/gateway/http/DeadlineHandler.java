package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RouteMatch;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Objects;

/**
 * The deadline stage of every route that calls a backend: the route's own timeout (a transcoded
 * method's as {@link dev.gangway.gateway.backend.BoundMethod#timeout()} has it: the route's, else
 * for a streaming method the server's {@code stream_timeout}, else the backend's; a composite's
 * {@code timeout}), shortened by the client's {@code grpc-timeout} header, which is itself capped
 * at the server's {@code max_grpc_timeout}; for a gRPC-Web or Connect route also by Connect's
 * {@code connect-timeout-ms}, capped the same way. A malformed header is a 400 naming it. Attaches
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
    RuntimeSnapshot snapshot = RequestSnapshot.attached(exchange);
    GatewayRoute route = ((RouteMatch.Matched) exchange.getAttachment(Attachments.MATCH)).route();
    Duration timeout;
    try {
      Duration cap = snapshot.config().server().maxGrpcTimeout();
      timeout = GrpcTimeout.shorten(exchange, routeTimeout(route), cap);
      if (route instanceof GatewayRoute.Rpc) {
        timeout = GrpcTimeout.shortenConnect(exchange, timeout, cap);
      }
    } catch (TranscodingException e) {
      Responses.error(exchange, snapshot.transcoder(), e);
      return;
    }
    exchange.putAttachment(Attachments.TIMEOUT, timeout);
    next.handleRequest(exchange);
  }

  private static Duration routeTimeout(GatewayRoute route) {
    if (route instanceof GatewayRoute.Composite composite) {
      return composite.plan().timeout();
    }
    if (route instanceof GatewayRoute.Rpc rpc) {
      return rpc.bound().timeout();
    }
    return ((GatewayRoute.Transcoded) route).bound().timeout();
  }
}
