package dev.gangway.gateway.http;

import dev.gangway.gateway.config.Durations;
import dev.gangway.gateway.errors.GatewayError;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the status a backend call closed with into the {@code google.rpc.Status} the client gets.
 *
 * <p>A status the backend sent keeps its message and the details of its
 * {@code grpc-status-details-bin} trailer. A status grpc-java made locally (transport failure,
 * expired deadline) gets a message of ours: its own text can name internal addresses, so it stays
 * in the server log.
 *
 * <p>Stateless and thread-safe.
 */
final class BackendStatus {
  private static final Logger log = LoggerFactory.getLogger(BackendStatus.class);

  private BackendStatus() {}

  /**
   * The status a failed call (not OK) answers with; a locally made status's cause goes to the
   * debug log. For every kind of call (unary, HTTP stream, WebSocket).
   */
  static com.google.rpc.Status ofFailedCall(
      Status status, Metadata trailers, Routed routed, CallDeadline deadline) {
    return toRpc(status, trailers, routed, deadline.timeout(), deadline.passed());
  }

  /**
   * @param deadlinePassed whether the gateway's own deadline for the call has passed
   */
  static com.google.rpc.Status toRpc(
      Status status, Metadata trailers, Routed routed, Duration timeout, boolean deadlinePassed) {
    return toRpc(status, trailers, routed.route().grpcMethodName(),
        routed.bound().backendName().orElse("?"), timeout, deadlinePassed);
  }

  /**
   * As above, for a call named {@code method} ({@code package.Service/Method}) to
   * {@code backend}; the cause of a locally made status goes to the debug log.
   */
  static com.google.rpc.Status toRpc(Status status, Metadata trailers, String method,
      String backend, Duration timeout, boolean deadlinePassed) {
    if (status.getCause() != null) {
      log.debug("{} via backend {}: {}", method, backend, status, status.getCause());
    }
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && deadlinePassed) {
      return GatewayError.BACKEND_DEADLINE.status(Durations.format(timeout), method);
    }
    if (status.getCause() != null) {
      return local(status, backend, method);
    }
    try {
      return StatusProto.fromStatusAndTrailers(status, trailers);
    } catch (RuntimeException e) {
      // Details whose code disagrees with the status, or that do not parse: keep the status.
      return plain(status, status.getDescription() == null ? "" : status.getDescription());
    }
  }

  private static com.google.rpc.Status local(Status status, String backend, String method) {
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      return GatewayError.BACKEND_UNAVAILABLE.status(backend, method);
    }
    // Any other code grpc-java made itself keeps its code (and so its row of the status table);
    // only the message is ours.
    return plain(status,
        "call to backend \"" + backend + "\" failed: " + status.getCode() + " (calling " + method
            + ")");
  }

  private static com.google.rpc.Status plain(Status status, String message) {
    return com.google.rpc.Status.newBuilder()
        .setCode(status.getCode().value())
        .setMessage(message)
        .build();
  }

}
