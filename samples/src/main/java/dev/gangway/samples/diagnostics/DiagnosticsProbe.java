package dev.gangway.samples.diagnostics;

import dev.gangway.samples.support.CallProbe;
import dev.gangway.samples.support.CallProbe.Phase;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts what happened to Diagnostics calls, so that tests can observe the backend side (e.g.
 * that a client disconnect reached the backend as a cancellation, or that no more than four
 * GetItem calls waited at once) without sleeping.
 *
 * <p>Thread-safe. One probe per Diagnostics server; there is no global state. Each
 * {@link Kind} has its own {@link CallProbe}.
 *
 * <pre>{@code
 * assertThat(probe.await(DiagnosticsProbe.Event.SLEEP_CANCELLED, 1, Duration.ofSeconds(10))).isTrue();
 * probe.resetMaxInFlight();
 * ...
 * assertThat(probe.maxInFlight(DiagnosticsProbe.Kind.GET_ITEM)).isLessThanOrEqualTo(4);
 * }</pre>
 */
public final class DiagnosticsProbe {

  /** The Diagnostics methods that wait, and are counted. */
  public enum Kind {
    SLEEP,
    GET_ITEM,
    TICKS
  }

  /** Things a Diagnostics call reports. */
  public enum Event {
    /** A Sleep call began waiting. */
    SLEEP_STARTED(Kind.SLEEP, Phase.STARTED),
    /** A Sleep call answered after its full wait. */
    SLEEP_COMPLETED(Kind.SLEEP, Phase.COMPLETED),
    /** A Sleep call was cancelled (client cancel, disconnect or deadline) while waiting. */
    SLEEP_CANCELLED(Kind.SLEEP, Phase.CANCELLED),
    /** A GetItem call began waiting. */
    GET_ITEM_STARTED(Kind.GET_ITEM, Phase.STARTED),
    /** A GetItem call answered after its full wait. */
    GET_ITEM_COMPLETED(Kind.GET_ITEM, Phase.COMPLETED),
    /** A GetItem call was cancelled (client cancel, disconnect or deadline) while waiting. */
    GET_ITEM_CANCELLED(Kind.GET_ITEM, Phase.CANCELLED),
    /** A Ticks stream began. */
    TICKS_STARTED(Kind.TICKS, Phase.STARTED),
    /** A Ticks stream sent all its ticks. */
    TICKS_COMPLETED(Kind.TICKS, Phase.COMPLETED),
    /** A Ticks stream was cancelled before its last tick. */
    TICKS_CANCELLED(Kind.TICKS, Phase.CANCELLED);

    private final Kind kind;
    private final Phase phase;

    Event(Kind kind, Phase phase) {
      this.kind = kind;
      this.phase = phase;
    }

    /** The method this event is about. */
    public Kind kind() {
      return kind;
    }

    /** What happened to the call. */
    public Phase phase() {
      return phase;
    }
  }

  private final Map<Kind, CallProbe> calls;

  public DiagnosticsProbe() {
    Map<Kind, CallProbe> byKind = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      byKind.put(kind, new CallProbe());
    }
    this.calls = Collections.unmodifiableMap(byKind);
  }

  /** The counters of one method. */
  public CallProbe calls(Kind kind) {
    return calls.get(Objects.requireNonNull(kind, "kind"));
  }

  /** How often {@code event} happened so far. */
  public int count(Event event) {
    return calls(event.kind()).count(event.phase());
  }

  /**
   * Waits until {@code event} has happened at least {@code atLeast} times.
   *
   * @return false when the timeout passed first
   */
  public boolean await(Event event, int atLeast, Duration timeout) throws InterruptedException {
    return calls(event.kind()).await(event.phase(), atLeast, timeout);
  }

  /** The calls of {@code kind} waiting now. */
  public int inFlight(Kind kind) {
    return calls(kind).inFlight();
  }

  /** The most calls of {@code kind} waiting at once since the start or the last reset. */
  public int maxInFlight(Kind kind) {
    return calls(kind).maxInFlight();
  }

  /** Starts new maxima for every kind from the calls waiting now. */
  public void resetMaxInFlight() {
    for (CallProbe probe : calls.values()) {
      probe.resetMaxInFlight();
    }
  }
}
