package dev.gangway.transcoder.errors;

import com.google.rpc.Code;

/**
 * The one table from gRPC status codes to HTTP statuses, as Google APIs, grpc-gateway, Envoy and
 * Armeria agree on it.
 *
 * <p>Stateless and thread-safe. The switch has no {@code default}: a code added to
 * {@link Code} does not compile until it has a row here.
 */
public final class StatusMapping {
  private StatusMapping() {}

  /** The HTTP status for {@code code}. */
  public static int httpStatus(Code code) {
    return switch (code) {
      case OK -> 200;
      // Not an IANA status: nginx's "499 Client Closed Request", as grpc-gateway and Google APIs.
      case CANCELLED -> 499;
      case UNKNOWN -> 500;
      case INVALID_ARGUMENT -> 400;
      case DEADLINE_EXCEEDED -> 504;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS -> 409;
      case PERMISSION_DENIED -> 403;
      case UNAUTHENTICATED -> 401;
      case RESOURCE_EXHAUSTED -> 429;
      // Not 412: google/rpc/code.proto maps it to 400 (412 is about HTTP conditional headers).
      case FAILED_PRECONDITION -> 400;
      case ABORTED -> 409;
      // 400, not 416: code.proto; 416 is about Range headers.
      case OUT_OF_RANGE -> 400;
      case UNIMPLEMENTED -> 501;
      case INTERNAL -> 500;
      case UNAVAILABLE -> 503;
      // Data loss is the server's fault, and code.proto gives it 500.
      case DATA_LOSS -> 500;
      // A number this protobuf version does not know (only possible from a parsed Status).
      case UNRECOGNIZED -> 500;
    };
  }

  /** The HTTP status for a numeric gRPC code from a transport; an unknown number is 500. */
  public static int httpStatus(int grpcCodeValue) {
    Code code = Code.forNumber(grpcCodeValue);
    return code == null ? 500 : httpStatus(code);
  }
}
