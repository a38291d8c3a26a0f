package dev.gangway.samples.support;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Answers a unary call after a wait without holding a thread: a timer on a scheduler produces
 * the answer, and a cancelled or expired call stops the timer instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class DelayedAnswer {

  private DelayedAnswer() {}

  /**
   * Records {@link CallProbe.Phase#STARTED}, then after {@code millis} records COMPLETED and
   * sends what {@code handler} returns (or the status it throws), unless the call's context is
   * cancelled first (client cancel, disconnect or deadline), which records CANCELLED. Call it
   * from the service method: it needs the call's {@link Context}.
   *
   * @param scheduler runs the timer; the handler runs on its thread, in the call's context
   */
  public static <T> void respondAfter(ScheduledExecutorService scheduler, long millis,
      CallProbe probe, StreamObserver<T> out, Supplier<T> handler) {
    Objects.requireNonNull(handler, "handler");
    Context context = Context.current();
    probe.record(CallProbe.Phase.STARTED);
    // Whoever flips this first (the timer or a cancellation) owns the outcome.
    AtomicBoolean settled = new AtomicBoolean();
    ScheduledFuture<?> timer = scheduler.schedule(context.wrap(() -> {
      if (settled.compareAndSet(false, true)) {
        // Recorded first, so a client that has the answer also sees the count.
        probe.record(CallProbe.Phase.COMPLETED);
        try {
          Unary.answer(out, handler);
        } catch (RuntimeException e) {
          // Off grpc-java's thread nobody else would close the call; answer as it would.
          out.onError(Status.UNKNOWN.asRuntimeException());
        }
      }
    }), millis, TimeUnit.MILLISECONDS);
    // The call's context is cancelled on client cancel, disconnect or deadline, and also after
    // a normal completion; the flag keeps that last case from counting.
    context.addListener(cancelled -> {
      if (settled.compareAndSet(false, true)) {
        timer.cancel(false);
        probe.record(CallProbe.Phase.CANCELLED);
      }
    }, Runnable::run);
  }
}
