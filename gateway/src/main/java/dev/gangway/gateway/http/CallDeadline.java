package dev.gangway.gateway.http;

import io.grpc.CallOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The deadline of one backend call: its timeout, the call options that carry it, and whether it
 * has passed (which tells the gateway's own {@code DEADLINE_EXCEEDED} from a backend's, see
 * {@link BackendStatus}). Taken when the call is set up, before its options are made, so that it
 * passes no later than the deadline gRPC enforces.
 *
 * <p>Immutable and thread-safe.
 */
final class CallDeadline {
  private final Duration timeout;
  private final long deadlineNanos;

  CallDeadline(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  Duration timeout() {
    return timeout;
  }

  /** Options for the call: this deadline, callbacks on {@code executor}. */
  CallOptions options(Executor executor) {
    return CallOptions.DEFAULT
        .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .withExecutor(executor);
  }

  boolean passed() {
    return System.nanoTime() - deadlineNanos >= 0;
  }
}
