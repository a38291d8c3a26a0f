package dev.gangway.gateway.errors;

import com.google.rpc.Code;
import dev.gangway.transcoder.errors.TranscodingException;
import java.util.Objects;

/**
 * Every error the gateway makes itself, in one place: its HTTP status, its gRPC code (in the
 * {@code google.rpc.Status} body) and its message. Backend errors follow the status table
 * ({@code StatusMapping}); these are the gateway's own rows, listed in docs/mapping.md#errors
 * beside it (a test keeps that list and this enum in step).
 *
 * <p>A message template has {@code {}} placeholders, filled in order by {@link #exception}. The
 * exception is rendered by the one renderer ({@link Responses#error}).
 */
public enum GatewayError {
  /** No route has the path under any method. */
  NO_ROUTE(404, Code.NOT_FOUND, "no route for {} {}"),
  /** An upgrade whose path no streaming method, unary method or composite has. */
  NO_WEBSOCKET_ROUTE(404, Code.NOT_FOUND,
      "no route for WebSocket {} (no streaming method under GET, POST, PUT, PATCH, DELETE)"),
  /** The path is known under other methods; the answer carries {@code Allow}. */
  // 405 with UNIMPLEMENTED in the body: the path exists, the method does not (grpc-gateway,
  // Envoy).
  METHOD_NOT_ALLOWED(405, Code.UNIMPLEMENTED, "method {} not allowed for {}; allowed: {}"),
  /** A request body over {@code server.max_request_body_bytes}. */
  // 413 rather than the table's 429: the request itself is too large, no quota ran out
  // (RFC 9110 section 15.5.14).
  BODY_TOO_LARGE(413, Code.RESOURCE_EXHAUSTED, "request body larger than {} bytes"),
  /** One message of a client stream over the limit. */
  MESSAGE_TOO_LARGE(413, Code.RESOURCE_EXHAUSTED, "{} larger than {} bytes"),
  /** The body did not arrive within {@code server.read_timeout}. */
  // 408 rather than the table's 504: the client, not a backend, was too slow (RFC 9110 15.5.9).
  BODY_TIMEOUT(408, Code.DEADLINE_EXCEEDED,
      "request body not received within the server's read timeout"),
  /** A client stream whose content type is not a JSON stream. */
  // 415 rather than the table's 400: the body's media type is the problem (RFC 9110 15.5.16).
  STREAM_CONTENT_TYPE(415, Code.INVALID_ARGUMENT,
      "a client stream takes application/x-ndjson or application/json, not {}"),
  /** A malformed {@code grpc-timeout} header. */
  BAD_GRPC_TIMEOUT(400, Code.INVALID_ARGUMENT,
      "header {}: \"{}\" is not a gRPC timeout (1 to 8 digits, then H, M, S, m, u or n)"),
  /** A malformed Connect {@code connect-timeout-ms} header. */
  BAD_CONNECT_TIMEOUT(400, Code.INVALID_ARGUMENT,
      "header {}: \"{}\" is not a Connect timeout (1 to 10 digits, milliseconds)"),
  /** A gRPC-Web or Connect request for a method no loaded service has. */
  RPC_UNKNOWN_METHOD(501, Code.UNIMPLEMENTED, "unknown method {} (no loaded service has it)"),
  /** A gRPC-Web or Connect body whose frames or base64 do not parse. */
  RPC_BAD_FRAME(400, Code.INVALID_ARGUMENT, "request body: {}"),
  /** A gRPC-Web or Connect frame with the compressed flag: only identity is served. */
  RPC_COMPRESSED(501, Code.UNIMPLEMENTED,
      "request body: the frame at byte {} is compressed; the gateway takes identity only"),
  /** Client and bidirectional streams need a full-duplex body gRPC-Web and Connect over HTTP/1.1 lack. */
  RPC_CLIENT_STREAM(501, Code.UNIMPLEMENTED,
      "{} is a client or bidirectional streaming method; gRPC-Web and Connect serve unary and"
          + " server-streaming methods (use the WebSocket route)"),
  /** A Connect request whose content type is unary for a streaming method, or the reverse. */
  RPC_WRONG_SHAPE(415, Code.INVALID_ARGUMENT, "{} is a {} method: send Content-Type {}"),
  /** Content-Encoding or Connect-Content-Encoding other than identity. */
  RPC_ENCODING(501, Code.UNIMPLEMENTED,
      "header {}: \"{}\" is not served; send the request uncompressed (identity)"),
  /** A request header that cannot become gRPC metadata. */
  BAD_HEADER(400, Code.INVALID_ARGUMENT, "header {}: {}"),
  /** An upgrade of a unary method's path. */
  WEBSOCKET_UNARY(400, Code.INVALID_ARGUMENT,
      "WebSocket is served for streaming methods only; {} is unary"),
  /** An upgrade of a composite route's path. */
  WEBSOCKET_COMPOSITE(400, Code.INVALID_ARGUMENT,
      "WebSocket is served for streaming methods only; GET {} is a composite route"),
  /** An upgrade that Undertow's handshakes do not accept. */
  WEBSOCKET_HANDSHAKE(400, Code.INVALID_ARGUMENT,
      "invalid WebSocket handshake: Sec-WebSocket-Key and Sec-WebSocket-Version: 13 are"
          + " required"),
  /** A browser origin neither {@code websocket.allowed_origins} nor CORS allows. */
  WEBSOCKET_ORIGIN(403, Code.PERMISSION_DENIED,
      "WebSocket origin {} is not allowed: only the gateway's own origin,"
          + " websocket.allowed_origins and the route's cors.allowed_origins may open WebSockets"),
  /** A CORS preflight from an origin the route's {@code cors.allowed_origins} does not list. */
  CORS_ORIGIN(403, Code.PERMISSION_DENIED, "CORS: origin {} is not allowed (cors.allowed_origins)"),
  /** A CORS preflight asking for a method {@code cors.allowed_methods} does not list. */
  CORS_METHOD(403, Code.PERMISSION_DENIED,
      "CORS: method {} is not allowed (cors.allowed_methods: {})"),
  /** A CORS preflight asking for a request header {@code cors.allowed_headers} does not list. */
  CORS_HEADER(403, Code.PERMISSION_DENIED,
      "CORS: request header {} is not allowed (cors.allowed_headers)"),
  /** Raw {@code google.api.HttpBody} streams over WebSocket. */
  WEBSOCKET_RAW_BYTES(501, Code.UNIMPLEMENTED,
      "streams of raw google.api.HttpBody bytes are not served over WebSocket (use plain HTTP on"
          + " the same path): {}"),
  /** A bidirectional method over plain HTTP. */
  BIDI_OVER_HTTP(501, Code.UNIMPLEMENTED,
      "bidirectional streaming methods are served over WebSocket only: open a WebSocket (GET with"
          + " Upgrade: websocket) on the same path: {}"),
  /** A method whose service no backend serves. */
  NO_BACKEND(503, Code.UNAVAILABLE, "no backend serves {} (calling {})"),
  /** The gateway's own deadline for a backend call passed (route, backend or grpc-timeout). */
  BACKEND_DEADLINE(504, Code.DEADLINE_EXCEEDED, "deadline of {} exceeded calling {}"),
  /**
   * grpc-java could not reach the backend (connection refused, reset, GOAWAY): a status it made
   * itself, whose own text can name internal addresses and stays in the log.
   */
  BACKEND_UNAVAILABLE(503, Code.UNAVAILABLE, "backend \"{}\" is unavailable (calling {})"),
  /** A composite's call ({@code call "name" (pkg.Svc/Method)}) ran past its own deadline. */
  COMPOSITE_CALL_DEADLINE(504, Code.DEADLINE_EXCEEDED, "{} failed: deadline of {} exceeded"),
  /** A composite's call could not reach its backend. */
  COMPOSITE_CALL_UNAVAILABLE(503, Code.UNAVAILABLE, "{} failed: backend \"{}\" is unavailable"),
  /** A composite's call whose service no backend serves. */
  COMPOSITE_CALL_NO_BACKEND(503, Code.UNAVAILABLE, "{} failed: no backend serves {}"),
  /** A composite's overall deadline passed with calls still running. */
  COMPOSITE_DEADLINE(504, Code.DEADLINE_EXCEEDED,
      "composite \"{}\": deadline of {} exceeded; still running: {}"),
  /** A failure inside the gateway while a WebSocket is open; logged with its stack trace. */
  WEBSOCKET_INTERNAL(500, Code.INTERNAL, "internal error"),
  /** A request that arrives after the gateway began to stop. */
  STOPPING(503, Code.UNAVAILABLE, "the gateway is stopping"),
  /** A call still running when the shutdown grace ran out. */
  STOPPED_BEFORE_DONE(503, Code.UNAVAILABLE,
      "the gateway is stopping: the call did not finish within the shutdown grace"),
  /** A unary call that closed OK without a response message. */
  NO_RESPONSE_MESSAGE(500, Code.INTERNAL, "backend sent no response message for {}"),
  /** An unknown admin endpoint. */
  NO_ADMIN_ENDPOINT(404, Code.NOT_FOUND, "no admin endpoint {}; the endpoints are {}"),
  /** A failure inside an admin endpoint; logged with its stack trace. */
  ADMIN_INTERNAL(500, Code.INTERNAL, "admin: internal error"),
  /** {@code /admin/explain} without its {@code path}. */
  ADMIN_MISSING_PATH(400, Code.INVALID_ARGUMENT,
      "missing query parameter \"path\" (the request target to explain, URL-encoded)");

  private final int httpStatus;
  private final Code code;
  private final String template;

  GatewayError(int httpStatus, Code code, String template) {
    this.httpStatus = httpStatus;
    this.code = code;
    this.template = template;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Code code() {
    return code;
  }

  /** The message template, {@code {}} for each argument. */
  public String template() {
    return template;
  }

  /** This error with its message filled from {@code args}, in order. */
  public TranscodingException exception(Object... args) {
    return new TranscodingException(code, httpStatus, message(args));
  }

  /**
   * This error as a {@code google.rpc.Status} with its message filled from {@code args}, for
   * paths that carry a status rather than throw (call callbacks, composites, WebSocket frames).
   */
  public com.google.rpc.Status status(Object... args) {
    return com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message(args))
        .build();
  }

  /** The message with {@code {}} replaced by {@code args}, in order; extra placeholders stay. */
  public String message(Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 32);
    int from = 0;
    for (Object arg : args) {
      int at = template.indexOf("{}", from);
      if (at < 0) {
        throw new IllegalArgumentException(name() + " takes fewer arguments");
      }
      out.append(template, from, at).append(Objects.toString(arg));
      from = at + 2;
    }
    return out.append(template, from, template.length()).toString();
  }
}
