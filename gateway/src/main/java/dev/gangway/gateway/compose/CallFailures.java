package dev.gangway.gateway.compose;

import dev.gangway.gateway.config.Durations;
import dev.gangway.gateway.errors.GatewayError;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;

/**
 * Turns how a call of a composite failed into the {@code google.rpc.Status} the client gets,
 * naming the call: {@code call "price" (pkg.Pricing/GetPrice) failed: <backend message>}, with the
 * backend's details.
 *
 * <p>A status grpc-java made locally (transport failure, expired deadline) gets a message of ours:
 * its own text can name internal addresses. Stateless and thread-safe.
 */
final class CallFailures {
  private CallFailures() {}

  /**
   * @param element the for_each element index, or -1
   * @param capPassed whether the call's own deadline (not the overall one) has passed
   */
  static com.google.rpc.Status of(CallPlan call, int element, Status status, Metadata trailers,
      boolean capPassed) {
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && capPassed) {
      return GatewayError.COMPOSITE_CALL_DEADLINE.status(name(call, element),
          Durations.format(call.cap()));
    }
    if (status.getCause() != null && status.getCode() == Status.Code.UNAVAILABLE) {
      return GatewayError.COMPOSITE_CALL_UNAVAILABLE.status(name(call, element),
          call.bound().backendName().orElse("?"));
    }
    com.google.rpc.Status base;
    if (status.getCause() != null) {
      base = plain(status.getCode(), local(status.getCode(), call));
    } else {
      try {
        base = StatusProto.fromStatusAndTrailers(status, trailers);
      } catch (RuntimeException e) {
        // Details whose code disagrees with the status, or that do not parse: keep the status.
        base = plain(status.getCode(), status.getDescription() == null ? ""
            : status.getDescription());
      }
    }
    return base.toBuilder().setMessage(name(call, element) + " failed: " + base.getMessage())
        .build();
  }

  /** A request that could not be built from its template (a value of the wrong type). */
  static com.google.rpc.Status badRequest(CallPlan call, int element, String problem) {
    return plain(Status.Code.INVALID_ARGUMENT, name(call, element) + ": " + problem);
  }

  /** The method's service has no backend: the call fails before it leaves. */
  static com.google.rpc.Status noBackend(CallPlan call, int element) {
    return GatewayError.COMPOSITE_CALL_NO_BACKEND.status(name(call, element),
        call.method().getService().getFullName());
  }

  /** The call answered OK but its answer is unusable. */
  static com.google.rpc.Status internal(CallPlan call, int element, String problem) {
    return plain(Status.Code.INTERNAL, name(call, element) + " failed: " + problem);
  }

  /** The overall deadline passed while {@code running} were still running. */
  static com.google.rpc.Status deadline(String composite, Duration timeout, List<String> running) {
    return GatewayError.COMPOSITE_DEADLINE.status(composite, Durations.format(timeout),
        String.join(", ", running));
  }

  static com.google.rpc.Status plain(Status.Code code, String message) {
    return com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message).build();
  }

  private static String name(CallPlan call, int element) {
    return "call \"" + call.name() + "\"" + (element >= 0 ? " [element " + element + "]" : "")
        + " (" + call.grpcMethodName() + ")";
  }

  private static String local(Status.Code code, CallPlan call) {
    // Codes other than UNAVAILABLE that grpc-java made itself keep their code; the message is ours.
    return "call to backend \"" + call.bound().backendName().orElse("?") + "\" failed: " + code;
  }

}
