package dev.gangway.samples.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for asynchronous effects (a reload, a reconnect) by asking again until the answer is
 * right or a deadline passes, instead of sleeping a fixed time.
 *
 * <p>Stateless and thread-safe.
 */
final class Poll {
  /** The default deadline for an effect the gateway promises "soon". */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final long PAUSE_MILLIS = 50;

  private Poll() {}

  /** {@link #until(String, Duration, Supplier, Predicate)} with {@link #DEFAULT_TIMEOUT}. */
  static <T> T until(String what, Supplier<T> probe, Predicate<? super T> done) {
    return until(what, DEFAULT_TIMEOUT, probe, done);
  }

  /**
   * Asks {@code probe} until {@code done} accepts its answer and returns that answer.
   *
   * @throws AssertionError naming {@code what} and the last answer when the deadline passes
   */
  static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last;
    while (true) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what
            + "; last seen: " + describe(last));
      }
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  private static String describe(Object value) {
    if (value instanceof java.net.http.HttpResponse<?> response) {
      return response.statusCode() + " " + response.body();
    }
    return String.valueOf(value);
  }
}
