package dev.gangway.gateway.ratelimit;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent streams per key on this instance: a slot is taken when a stream opens and given back
 * when it ends. Counts are per instance even when buckets are shared through Redis (a stream's end
 * is not something Redis would learn reliably when an instance dies).
 *
 * <p>Thread-safe; a key with no open stream holds no memory.
 */
public final class StreamSlots {
  private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

  /** A slot under {@code key}, or empty when {@code max} are already open. */
  public Optional<Slot> acquire(String key, int max) {
    boolean[] taken = {false};
    open.compute(key, (k, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      if (c.get() < max) {
        c.incrementAndGet();
        taken[0] = true;
      }
      return c.get() == 0 ? null : c;
    });
    return taken[0] ? Optional.of(new Slot(key)) : Optional.empty();
  }

  /** How many streams are open under {@code key}. */
  public int openUnder(String key) {
    AtomicInteger count = open.get(key);
    return count == null ? 0 : count.get();
  }

  /** One open stream; {@link #release} is idempotent. */
  public final class Slot {
    private final String key;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String key) {
      this.key = key;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        open.computeIfPresent(key, (k, count) -> count.decrementAndGet() == 0 ? null : count);
      }
    }
  }
}
