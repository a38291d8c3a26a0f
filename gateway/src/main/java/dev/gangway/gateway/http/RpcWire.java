package dev.gangway.gateway.http;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.Optional;

/**
 * The browser RPC protocols served beside REST on the same port, told apart by the request's
 * {@code Content-Type} (connectrpc.com/docs/multi-protocol): gRPC-Web binary and base64 text
 * (grpc/grpc doc/PROTOCOL-WEB.md) and the Connect protocol, unary and streaming, with protobuf or
 * JSON messages (connectrpc.com/docs/protocol). {@code application/json} is Connect only with a
 * {@code Connect-Protocol-Version} header, since plain JSON is the REST routes' own type.
 *
 * <p>Constants only.
 */
enum RpcWire {
  /** {@code application/grpc-web}, {@code application/grpc-web+proto}: framed protobuf. */
  GRPC_WEB("application/grpc-web+proto"),
  /** {@code application/grpc-web-text(+proto)}: the gRPC-Web frames, base64-encoded. */
  GRPC_WEB_TEXT("application/grpc-web-text+proto"),
  /** Connect unary, {@code application/proto}: the bare message, errors as HTTP status + JSON. */
  CONNECT_PROTO("application/proto"),
  /** Connect unary, {@code application/json}: the message as proto3 JSON. */
  CONNECT_JSON("application/json"),
  /** Connect streaming, {@code application/connect+proto}: enveloped messages, end-stream JSON. */
  CONNECT_STREAM_PROTO("application/connect+proto"),
  /** Connect streaming, {@code application/connect+json}. */
  CONNECT_STREAM_JSON("application/connect+json");

  static final HttpString CONNECT_PROTOCOL_VERSION =
      HttpString.tryFromString("Connect-Protocol-Version");

  private final String contentType;

  RpcWire(String contentType) {
    this.contentType = contentType;
  }

  /** The response's {@code Content-Type}. */
  String contentType() {
    return contentType;
  }

  /** gRPC-Web, binary or text: every method a stream of frames ending in a trailers frame. */
  boolean grpcWeb() {
    return this == GRPC_WEB || this == GRPC_WEB_TEXT;
  }

  /** Connect unary: no envelopes; the HTTP status carries the outcome. */
  boolean connectUnary() {
    return this == CONNECT_PROTO || this == CONNECT_JSON;
  }

  /** Messages as proto3 JSON rather than protobuf bytes. */
  boolean json() {
    return this == CONNECT_JSON || this == CONNECT_STREAM_JSON;
  }

  /** The name in messages: {@code gRPC-Web}, {@code Connect}. */
  String protocol() {
    return grpcWeb() ? "gRPC-Web" : "Connect";
  }

  /**
   * The protocol a request speaks, from its {@code Content-Type} (parameters such as
   * {@code charset} ignored, case-insensitive); empty for every other request.
   */
  static Optional<RpcWire> of(HeaderMap headers) {
    String header = headers.getFirst(Headers.CONTENT_TYPE);
    if (header == null) {
      return Optional.empty();
    }
    int semicolon = header.indexOf(';');
    String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim()
        .toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/grpc-web", "application/grpc-web+proto" -> Optional.of(GRPC_WEB);
      case "application/grpc-web-text", "application/grpc-web-text+proto" ->
          Optional.of(GRPC_WEB_TEXT);
      case "application/proto" -> Optional.of(CONNECT_PROTO);
      case "application/connect+proto" -> Optional.of(CONNECT_STREAM_PROTO);
      case "application/connect+json" -> Optional.of(CONNECT_STREAM_JSON);
      case "application/json" -> headers.contains(CONNECT_PROTOCOL_VERSION)
          ? Optional.of(CONNECT_JSON) : Optional.empty();
      default -> Optional.empty();
    };
  }
}
