package dev.gangway.samples.support;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts one kind of call as it starts, completes or is cancelled, and the most calls of that
 * kind that were in flight at once, so that tests can observe the backend side (a cancellation
 * that reached the server, a concurrency limit the gateway kept) without sleeping.
 *
 * <p>Thread-safe. The services record; tests read, wait and reset. A call counts as in flight
 * from {@link Phase#STARTED} until its {@link Phase#COMPLETED} or {@link Phase#CANCELLED}, which
 * the services record before they answer, so a client that has the answer also sees the count.
 *
 * <pre>{@code
 * probe.resetMaxInFlight();
 * ... 20 calls through the gateway with a limit of 4 ...
 * assertThat(probe.maxInFlight()).isLessThanOrEqualTo(4);
 * }</pre>
 */
public final class CallProbe {

  /** What happened to a call. */
  public enum Phase {
    /** The call began waiting; it is in flight. */
    STARTED,
    /** The call answered after its full wait; it is no longer in flight. */
    COMPLETED,
    /** The call was cancelled (client cancel, disconnect or deadline) while waiting. */
    CANCELLED
  }

  private final Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
  private int inFlight;
  private int maxInFlight;

  /** How often {@code phase} was recorded so far. */
  public synchronized int count(Phase phase) {
    return counts.getOrDefault(Objects.requireNonNull(phase, "phase"), 0);
  }

  /** The calls started and not yet completed or cancelled. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** The most calls in flight at once since the probe was made or last reset. */
  public synchronized int maxInFlight() {
    return maxInFlight;
  }

  /** Starts a new maximum from the calls in flight now (0 when idle). */
  public synchronized void resetMaxInFlight() {
    maxInFlight = inFlight;
  }

  /**
   * Waits until {@code phase} has been recorded at least {@code atLeast} times.
   *
   * @return false when the timeout passed first
   */
  public synchronized boolean await(Phase phase, int atLeast, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(phase) < atLeast) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // wait(millis) with 0 would wait forever: round up.
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /**
   * Records what happened to one call; for the services. Record each call's STARTED once and
   * then exactly one of COMPLETED or CANCELLED.
   */
  public synchronized void record(Phase phase) {
    counts.merge(Objects.requireNonNull(phase, "phase"), 1, Integer::sum);
    if (phase == Phase.STARTED) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
    } else {
      inFlight--;
    }
    notifyAll();
  }
}
