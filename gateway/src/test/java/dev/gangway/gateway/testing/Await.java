package dev.gangway.gateway.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling, with a timeout: no fixed sleeps in tests. */
public final class Await {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Await() {}

  /** Returns once {@code condition} holds; fails with {@code what} and {@code state} otherwise. */
  public static void until(String what, BooleanSupplier condition, Supplier<?> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what
            + "; state: " + state.get());
      }
      Thread.sleep(10);
    }
  }
}
