package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.xnio.IoUtils;

/**
 * One unary backend call answered as a Connect unary response: 200 with the message (protobuf
 * or proto3 JSON), the backend's headers as headers and its trailers as {@code trailer-}
 * headers; or the status table's HTTP status with Connect's error JSON
 * (connectrpc.com/docs/protocol, "Unary-Response").
 *
 * <p>Confined to the exchange's IO thread (the call's executor).
 */
final class ConnectUnaryCall extends ExchangeCallListener {
  private final GatewayRoute.Rpc route;
  private final RpcWire wire;
  private final CallDeadline deadline;
  private Metadata headers;
  private byte[] response;

  private ConnectUnaryCall(
      HttpServerExchange exchange, GatewayRoute.Rpc route, RpcWire wire, Duration timeout) {
    super(exchange, "the HTTP exchange ended before the backend answered");
    this.route = route;
    this.wire = wire;
    this.deadline = new CallDeadline(timeout);
  }

  /** Starts the call; the exchange is answered when it closes. */
  static void start(HttpServerExchange exchange, GatewayRoute.Rpc route, RpcWire wire,
      Channel channel, Metadata metadata, byte[] message, Duration timeout) {
    ConnectUnaryCall listener = new ConnectUnaryCall(exchange, route, wire, timeout);
    ClientCall<byte[], byte[]> call = channel.newCall(
        route.bound().grpcMethod(), listener.deadline.options(exchange.getIoThread()));
    listener.start(call, metadata, message, 1);
  }

  @Override
  public void onHeaders(Metadata headers) {
    this.headers = headers;
  }

  @Override
  public void onMessage(byte[] message) {
    this.response = message;
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    if (finished) {
      return;
    }
    finished = true;
    Responses.guarded(exchange, () -> respond(status, trailers));
  }

  private void respond(Status status, Metadata trailers) {
    RpcResponses.copyMetadata(headers, exchange.getResponseHeaders(), "");
    if (!status.isOk()) {
      RpcResponses.error(exchange, wire, BackendStatus.toRpc(status, trailers,
          route.grpcMethodName(), route.bound().backendName().orElse("?"), deadline.timeout(),
          deadline.passed()), trailers == null ? null : prefixed(trailers));
      return;
    }
    byte[] body;
    try {
      body = wire.json() ? RpcJson.render(route, response) : response;
    } catch (TranscodingException e) {
      RpcResponses.error(exchange, wire, RpcJson.status(e), null);
      return;
    }
    RpcResponses.copyMetadata(trailers, exchange.getResponseHeaders(), "trailer-");
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, wire.contentType());
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  /** An error's trailers go out as {@code trailer-} headers too (copied by the error writer). */
  private static Metadata prefixed(Metadata trailers) {
    Metadata out = new Metadata();
    for (String key : trailers.keys()) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX) || key.startsWith("grpc-")) {
        continue;
      }
      Metadata.Key<String> from = Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
      Metadata.Key<String> to =
          Metadata.Key.of("trailer-" + key, Metadata.ASCII_STRING_MARSHALLER);
      for (String value : trailers.getAll(from)) {
        out.put(to, value);
      }
    }
    return out;
  }
}
