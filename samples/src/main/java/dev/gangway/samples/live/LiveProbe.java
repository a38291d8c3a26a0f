package dev.gangway.samples.live;

import dev.gangway.samples.support.CallProbe;

/**
 * Counts what happened to the long-lived Live calls, so that tests can see the backend side
 * (a client that went away reached the server as a cancellation) without sleeping.
 *
 * <p>Thread-safe. One probe per Live server; there is no global state.
 *
 * <pre>{@code
 * assertThat(probe.watches().await(Phase.CANCELLED, 1, Duration.ofSeconds(10))).isTrue();
 * }</pre>
 */
public final class LiveProbe {
  private final CallProbe watches = new CallProbe();
  private final CallProbe chats = new CallProbe();

  /**
   * WatchTicker calls: STARTED, then COMPLETED after the last quote or CANCELLED when the client
   * went away (or the deadline passed) first.
   */
  public CallProbe watches() {
    return watches;
  }

  /**
   * Chat calls: STARTED on join, then COMPLETED when the client finished sending, or CANCELLED
   * when it went away or the call failed.
   */
  public CallProbe chats() {
    return chats;
  }
}
