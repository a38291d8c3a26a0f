package dev.gangway.gateway.ratelimit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rate limits of a route say about one request.
 *
 * <p>Immutable (the stream slots it carries are the request's to release).
 */
public sealed interface RateDecision {
  /**
   * Go ahead. {@code quota} is the bucket with the fewest tokens left (for the
   * {@code RateLimit-*} headers); {@code slots} are the stream slots taken, to give back when the
   * stream ends.
   */
  record Allowed(Optional<Quota> quota, List<StreamSlots.Slot> slots) implements RateDecision {
    public Allowed {
      Objects.requireNonNull(quota, "quota");
      slots = List.copyOf(slots);
    }

    /** Gives the stream slots back. */
    public void release() {
      slots.forEach(StreamSlots.Slot::release);
    }
  }

  /** 429: {@code limit}'s bucket is empty or its stream slots are taken. */
  record Limited(String message, long retryAfterSeconds, Optional<Quota> quota)
      implements RateDecision {
    public Limited {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(quota, "quota");
    }
  }

  /** 503: the shared store cannot be asked and {@code on_failure} is {@code closed}. */
  record Unavailable(String message) implements RateDecision {
    public Unavailable {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * One bucket's standing, for the IETF {@code RateLimit-*} headers.
   *
   * @param resetSeconds until the bucket is full again
   * @param windowSeconds the refill period
   */
  record Quota(String limit, long capacity, long remaining, long resetSeconds, long windowSeconds) {}
}
