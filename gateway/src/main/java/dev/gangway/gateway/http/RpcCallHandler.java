package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RouteMatch;
import io.grpc.Channel;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls the backend for a gRPC-Web or Connect request with the request's message, metadata and
 * deadline (503 UNAVAILABLE when no backend serves the method's service): a Connect unary call
 * answers at its close ({@link ConnectUnaryCall}), every other call streams
 * ({@link RpcStreamCall}).
 *
 * <p>Thread-safe; streams register in the shared {@link OpenStreams}.
 */
final class RpcCallHandler implements HttpHandler {
  private final OpenStreams streams;

  RpcCallHandler(OpenStreams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    GatewayRoute.Rpc route =
        (GatewayRoute.Rpc) ((RouteMatch.Matched) exchange.getAttachment(Attachments.MATCH)).route();
    RpcWire wire = exchange.getAttachment(Attachments.RPC_WIRE);
    Optional<Channel> channel = route.bound().channel();
    if (channel.isEmpty()) {
      Responses.error(exchange, RequestSnapshot.attached(exchange).transcoder(),
          GatewayError.NO_BACKEND, route.method().getService().getFullName(),
          route.grpcMethodName());
      return;
    }
    if (wire.connectUnary()) {
      ConnectUnaryCall.start(exchange, route, wire, channel.get(),
          exchange.getAttachment(Attachments.METADATA), exchange.getAttachment(Attachments.MESSAGE),
          exchange.getAttachment(Attachments.TIMEOUT));
      return;
    }
    RpcStreamCall.start(exchange, route, wire, channel.get(),
        exchange.getAttachment(Attachments.METADATA), exchange.getAttachment(Attachments.MESSAGE),
        exchange.getAttachment(Attachments.TIMEOUT), streams);
  }
}
