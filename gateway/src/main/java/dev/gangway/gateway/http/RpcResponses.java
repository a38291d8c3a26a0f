package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.transcoder.errors.StatusMapping;
import dev.gangway.transcoder.render.RenderedError;
import io.grpc.Metadata;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Writes what the browser RPC protocols answer outside the message stream: a whole error
 * response in the request's protocol (gRPC-Web: 200 and a trailers frame; Connect unary: the
 * status table's HTTP status and the error JSON; Connect streaming: 200 and an end-of-stream
 * message), and the backend's metadata as plain response headers.
 *
 * <p>Stateless and thread-safe; each {@code error} completes the exchange it is given.
 */
final class RpcResponses {
  /** Response metadata that HTTP, not the backend, owns. */
  private static final Set<String> NOT_COPIED = Set.of("content-type", "content-length",
      "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "date",
      "server");

  private RpcResponses() {}

  /**
   * The error writer of a request in {@code wire}: every error the chain answers with (policy
   * rejections, 404, 413, a bad deadline header) leaves in the request's own protocol, so that
   * gRPC-Web and Connect clients read the code and message.
   */
  static Responses.ErrorFormat format(RpcWire wire) {
    return FORMATS.get(wire);
  }

  private static final java.util.Map<RpcWire, Responses.ErrorFormat> FORMATS = formats();

  private static java.util.Map<RpcWire, Responses.ErrorFormat> formats() {
    java.util.Map<RpcWire, Responses.ErrorFormat> formats = new java.util.EnumMap<>(RpcWire.class);
    for (RpcWire wire : RpcWire.values()) {
      formats.put(wire, (exchange, error) -> error(exchange, wire, fromRendered(error), null));
    }
    return java.util.Collections.unmodifiableMap(formats);
  }

  private static com.google.rpc.Status fromRendered(RenderedError error) {
    // A body that is not the status JSON (the constant fallback always is) still gets a code.
    int fallback = error.httpStatus() >= 500 ? com.google.rpc.Code.INTERNAL_VALUE
        : com.google.rpc.Code.UNKNOWN_VALUE;
    return RpcStatus.fromJson(error.body(), fallback);
  }

  /** Answers the whole call with {@code status} (not OK) and the backend's {@code trailers}. */
  static void error(HttpServerExchange exchange, RpcWire wire, com.google.rpc.Status status,
      Metadata trailers) {
    if (exchange.isResponseStarted()) {
      exchange.endExchange();
      return;
    }
    byte[] body;
    int httpStatus;
    if (wire.connectUnary()) {
      httpStatus = StatusMapping.httpStatus(status.getCode());
      body = RpcStatus.connectError(status);
      copyMetadata(trailers, exchange.getResponseHeaders(), "");
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    } else {
      httpStatus = 200;
      body = lastFrame(wire, status, trailers);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, wire.contentType());
    }
    exchange.setStatusCode(httpStatus);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  /**
   * The frame that ends a gRPC-Web or Connect stream with {@code status} (OK or not): the
   * trailers frame, or the end-of-stream message; base64 for {@code grpc-web-text}.
   */
  static byte[] lastFrame(RpcWire wire, com.google.rpc.Status status, Metadata trailers) {
    byte[] frame = wire.grpcWeb()
        ? RpcFrames.frame(RpcFrames.GRPC_WEB_TRAILERS, RpcStatus.grpcWebTrailers(status, trailers))
        : RpcFrames.frame(RpcFrames.CONNECT_END_STREAM,
            RpcStatus.connectEndStream(status, trailers));
    return encode(wire, frame);
  }

  /** {@code frame} as it goes on the wire: base64 (padded, per write) for grpc-web-text. */
  static byte[] encode(RpcWire wire, byte[] frame) {
    return wire == RpcWire.GRPC_WEB_TEXT ? Base64.getEncoder().encode(frame) : frame;
  }

  /**
   * Copies the backend's metadata to response headers under their own names (gRPC-Web and
   * Connect clients read metadata from headers), {@code prefix} before each ({@code trailer-}
   * for a Connect unary response's trailers); {@code grpc-} names and HTTP's own are left out.
   */
  static void copyMetadata(Metadata metadata, HeaderMap target, String prefix) {
    if (metadata == null) {
      return;
    }
    for (String key : metadata.keys()) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.startsWith("grpc-") || NOT_COPIED.contains(lower)) {
        continue;
      }
      HttpString name = HttpString.tryFromString(prefix + lower);
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : metadata.getAll(
            Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
          target.add(name, Base64.getEncoder().withoutPadding().encodeToString(value));
        }
      } else {
        for (String value : metadata.getAll(
            Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          target.add(name, value);
        }
      }
    }
  }
}
