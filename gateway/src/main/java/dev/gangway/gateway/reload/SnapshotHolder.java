package dev.gangway.gateway.reload;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the snapshot requests are served from.
 *
 * <p>Thread-safe: one volatile read per request; a reload swaps in a complete, validated snapshot.
 */
public final class SnapshotHolder {
  private final AtomicReference<RuntimeSnapshot> current;

  public SnapshotHolder(RuntimeSnapshot initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  public RuntimeSnapshot current() {
    return current.get();
  }

  /** Makes {@code next} current; returns the one it replaced. */
  public RuntimeSnapshot swap(RuntimeSnapshot next) {
    return current.getAndSet(Objects.requireNonNull(next, "next"));
  }
}
