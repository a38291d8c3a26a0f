package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RawPath;
import dev.gangway.gateway.routing.RouteKind;
import dev.gangway.gateway.routing.RouteMatch;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * After the policy stage: answers a request that matched nothing (404; 405 with a sorted {@code
 * Allow}), refuses matches that cannot be served the way they were asked for (an upgrade of a
 * unary method or a composite 400, raw {@code google.api.HttpBody} streams over WebSocket 501,
 * bidi over plain HTTP 501), and hands every other match to the branch of its {@link RouteKind}.
 * A transcoded match is attached as {@link Attachments#ROUTED}.
 *
 * <p>Immutable and thread-safe.
 */
final class RouteKindHandler implements HttpHandler {
  private final Map<RouteKind, HttpHandler> branches;

  /** @param branches a handler for every kind but {@link RouteKind#BIDI_STREAMING} */
  RouteKindHandler(Map<RouteKind, HttpHandler> branches) {
    this.branches = new EnumMap<>(branches);
    for (RouteKind kind : RouteKind.values()) {
      if (kind != RouteKind.BIDI_STREAMING) {
        Objects.requireNonNull(this.branches.get(kind), () -> "no branch for " + kind);
      }
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.attached(exchange);
    Transcoder transcoder = snapshot.transcoder();
    RouteMatch match = exchange.getAttachment(Attachments.MATCH);
    String path = RawPath.of(exchange);
    if (match instanceof RouteMatch.NotFound notFound) {
      if (exchange.getAttachment(Attachments.RPC_WIRE) != null) {
        // gRPC's answer for a method the server does not have (gRPC status codes doc).
        Responses.error(exchange, transcoder, GatewayError.RPC_UNKNOWN_METHOD, path);
      } else if (notFound.upgrade()) {
        Responses.error(exchange, transcoder, GatewayError.NO_WEBSOCKET_ROUTE, path);
      } else {
        Responses.error(exchange, transcoder, GatewayError.NO_ROUTE,
            exchange.getRequestMethod(), path);
      }
      return;
    }
    if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
      exchange.getResponseHeaders().put(Headers.ALLOW, notAllowed.allowHeader());
      Responses.error(exchange, transcoder, GatewayError.METHOD_NOT_ALLOWED,
          exchange.getRequestMethod(), path, notAllowed.allowHeader());
      return;
    }
    RouteMatch.Matched matched = (RouteMatch.Matched) match;
    if (refused(exchange, transcoder, matched, path)) {
      return;
    }
    if (matched.route() instanceof GatewayRoute.Transcoded transcoded) {
      exchange.putAttachment(Attachments.ROUTED, Routed.of(snapshot, matched, transcoded));
    }
    branches.get(matched.kind()).handleRequest(exchange);
  }

  /** Answers a match that cannot be served as asked; true when it did. */
  private static boolean refused(HttpServerExchange exchange, Transcoder transcoder,
      RouteMatch.Matched matched, String path) {
    GatewayRoute route = matched.route();
    if (route instanceof GatewayRoute.Rpc rpc) {
      java.util.Optional<dev.gangway.transcoder.errors.TranscodingException> refusal =
          RpcChecks.refusal(rpc, exchange.getAttachment(Attachments.RPC_WIRE),
              exchange.getRequestHeaders());
      refusal.ifPresent(e -> Responses.error(exchange, transcoder, e));
      return refusal.isPresent();
    }
    if (matched.upgrade() && matched.kind() == RouteKind.UNARY) {
      Responses.error(exchange, transcoder, GatewayError.WEBSOCKET_UNARY,
          ((GatewayRoute.Transcoded) route).method().grpcMethodName());
      return true;
    }
    if (matched.upgrade() && matched.kind() == RouteKind.COMPOSITE) {
      Responses.error(exchange, transcoder, GatewayError.WEBSOCKET_COMPOSITE, path);
      return true;
    }
    if (matched.kind() == RouteKind.WEBSOCKET) {
      MethodRoute method = ((GatewayRoute.Transcoded) route).method();
      if ((method.serverStreaming() && method.response().rawBytes())
          || (method.clientStreaming() && method.request().rawBody())) {
        // Text frames carry JSON; raw bytes stream over plain HTTP instead.
        Responses.error(exchange, transcoder, GatewayError.WEBSOCKET_RAW_BYTES,
            method.grpcMethodName());
        return true;
      }
    }
    if (matched.kind() == RouteKind.BIDI_STREAMING) {
      // Plain HTTP has no way to interleave both directions; the upgrade serves them.
      Responses.error(exchange, transcoder, GatewayError.BIDI_OVER_HTTP,
          ((GatewayRoute.Transcoded) route).method().grpcMethodName());
      return true;
    }
    return false;
  }
}
