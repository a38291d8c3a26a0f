package dev.gangway.gateway.observe;

import io.grpc.Status;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one backend method: calls and their latency by gRPC code, resolved when a
 * snapshot binds the method to its backend; a call finds its meter by the code's index.
 *
 * <p>Thread-safe.
 */
public final class BackendMeters {
  private final GatewayMetrics metrics;
  private final String backend;
  private final String method;
  private final AtomicReferenceArray<Timer> calls =
      new AtomicReferenceArray<>(Status.Code.values().length);

  BackendMeters(GatewayMetrics metrics, String backend, String method) {
    this.metrics = metrics;
    this.backend = backend;
    this.method = method;
  }

  /** The {@code backend} label: the backend's name in the config. */
  public String backend() {
    return backend;
  }

  /** The {@code method} label: {@code package.Service/Method}. */
  public String method() {
    return method;
  }

  /** Records one finished call. */
  public void record(Status.Code code, long nanos) {
    int index = code.ordinal();
    Timer timer = calls.get(index);
    if (timer == null) {
      timer = metrics.backendTimer(backend, method, code.name());
      calls.set(index, timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
