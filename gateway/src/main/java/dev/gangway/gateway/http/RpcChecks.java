package dev.gangway.gateway.http;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Optional;

/**
 * What a gRPC-Web or Connect request is refused for before its body is read: a client or
 * bidirectional streaming method (501), a Connect content type of the wrong shape for the method
 * (unary types for a server stream or the reverse, 415), and a compressed request (501).
 *
 * <p>Stateless and thread-safe.
 */
final class RpcChecks {
  private static final HttpString CONTENT_ENCODING = HttpString.tryFromString("Content-Encoding");
  private static final HttpString CONNECT_ENCODING =
      HttpString.tryFromString("Connect-Content-Encoding");
  private static final HttpString GRPC_ENCODING = HttpString.tryFromString("grpc-encoding");

  private RpcChecks() {}

  static Optional<TranscodingException> refusal(
      GatewayRoute.Rpc route, RpcWire wire, HeaderMap headers) {
    MethodDescriptor method = route.method();
    if (method.isClientStreaming()) {
      return Optional.of(GatewayError.RPC_CLIENT_STREAM.exception(route.grpcMethodName()));
    }
    if (wire.connectUnary() && method.isServerStreaming()) {
      return Optional.of(GatewayError.RPC_WRONG_SHAPE.exception(route.grpcMethodName(),
          "server-streaming", "application/connect+proto or application/connect+json"));
    }
    if (!wire.connectUnary() && !wire.grpcWeb() && !method.isServerStreaming()) {
      return Optional.of(GatewayError.RPC_WRONG_SHAPE.exception(route.grpcMethodName(), "unary",
          "application/proto or application/json"));
    }
    for (HttpString name : new HttpString[] {CONTENT_ENCODING, CONNECT_ENCODING, GRPC_ENCODING}) {
      String value = headers.getFirst(name);
      if (value != null && !value.trim().equalsIgnoreCase("identity")) {
        return Optional.of(GatewayError.RPC_ENCODING.exception(name, value));
      }
    }
    return Optional.empty();
  }
}
