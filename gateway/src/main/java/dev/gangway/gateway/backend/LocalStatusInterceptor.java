package dev.gangway.gateway.backend;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a status the backend sent from one grpc-java made itself. A backend's status arrives in
 * trailers, which a stream tracer sees ({@link ClientStreamTracer#inboundTrailers}); a call that
 * closes without them failed in the client's transport (GOAWAY, RST_STREAM, a message or header
 * list over a limit, a non-gRPC HTTP answer) and its description is grpc-java's text, which can
 * carry internal addresses, sizes and HTTP/2 debug data. Such a status gets a
 * {@link LocalStatusCause} as its cause, keeping the original for the log, so that the HTTP side
 * answers with a fixed message of its own and logs a warning.
 *
 * <p>Each such failure is logged at WARN with grpc-java's text, at most one line per second per
 * backend with a count of the ones left out, so that a failing backend under load cannot flood the
 * log.
 *
 * <p>Thread-safe; one per channel, owning that channel's log limiter.
 */
final class LocalStatusInterceptor implements ClientInterceptor {
  private static final Logger log = LoggerFactory.getLogger(LocalStatusInterceptor.class);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String backend;
  private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  LocalStatusInterceptor(String backend) {
    this.backend = backend;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    AtomicBoolean trailersReceived = new AtomicBoolean();
    ClientStreamTracer.Factory tracers = new ClientStreamTracer.Factory() {
      @Override
      public ClientStreamTracer newClientStreamTracer(
          ClientStreamTracer.StreamInfo info, Metadata headers) {
        return new ClientStreamTracer() {
          @Override
          public void inboundTrailers(Metadata trailers) {
            trailersReceived.set(true);
          }
        };
      }
    };
    ClientCall<ReqT, RespT> call = next.newCall(method, callOptions.withStreamTracerFactory(tracers));
    return new SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<RespT> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            Status closed = marked(status, trailersReceived.get());
            // CANCELLED is the gateway's own doing (the client went away, the stream ended): no
            // transport trouble to report.
            if (closed != status && status.getCode() != Status.Code.CANCELLED) {
              warn(method.getFullMethodName(), status);
            }
            super.onClose(closed, trailers);
          }
        }, headers);
      }
    };
  }

  private void warn(String method, Status status) {
    long now = System.nanoTime();
    long next = nextLogNanos.get();
    if (now - next < 0 || !nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
      suppressed.incrementAndGet();
      return;
    }
    long left = suppressed.getAndSet(0);
    log.warn("backend \"{}\": {} failed in the gateway's gRPC transport: {}: {}{}", backend, method,
        status.getCode(), status.getDescription(),
        left == 0 ? "" : " (and " + left + " more such failures since the last line)");
  }

  static Status marked(Status status, boolean fromBackend) {
    if (status.isOk() || fromBackend || status.getCause() != null) {
      return status;
    }
    return status.withCause(new LocalStatusCause(status));
  }

  /**
   * Marks a status grpc-java made without a cause of its own; holds grpc-java's description for the
   * log. Never shown to clients.
   */
  static final class LocalStatusCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocalStatusCause(Status status) {
      super("made by grpc-java: " + status.getCode() + ": " + status.getDescription(), null,
          false, false);
    }
  }
}
