package dev.gangway.samples.diagnostics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts what happened to Diagnostics calls, so that tests can observe the backend side (e.g.
 * that a client disconnect reached the backend as a cancellation) without sleeping.
 *
 * <p>Thread-safe. One probe per Diagnostics server; there is no global state.
 *
 * <pre>{@code
 * assertThat(probe.await(DiagnosticsProbe.Event.SLEEP_CANCELLED, 1, Duration.ofSeconds(10))).isTrue();
 * }</pre>
 */
public final class DiagnosticsProbe {

  /** Things a Diagnostics call reports. */
  public enum Event {
    /** A Sleep call began waiting. */
    SLEEP_STARTED,
    /** A Sleep call answered after its full wait. */
    SLEEP_COMPLETED,
    /** A Sleep call was cancelled (client cancel, disconnect or deadline) while waiting. */
    SLEEP_CANCELLED,
    /** A Ticks stream began. */
    TICKS_STARTED,
    /** A Ticks stream sent all its ticks. */
    TICKS_COMPLETED,
    /** A Ticks stream was cancelled before its last tick. */
    TICKS_CANCELLED
  }

  private final Map<Event, Integer> counts = new EnumMap<>(Event.class);

  /** How often {@code event} happened so far. */
  public synchronized int count(Event event) {
    return counts.getOrDefault(event, 0);
  }

  /**
   * Waits until {@code event} has happened at least {@code atLeast} times.
   *
   * @return false when the timeout passed first
   */
  public synchronized boolean await(Event event, int atLeast, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(event) < atLeast) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // wait(millis) with 0 would wait forever: round up.
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized void record(Event event) {
    counts.merge(event, 1, Integer::sum);
    notifyAll();
  }
}
