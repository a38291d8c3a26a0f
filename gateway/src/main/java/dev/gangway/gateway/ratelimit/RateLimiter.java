package dev.gangway.gateway.ratelimit;

import dev.gangway.gateway.auth.Identity;
import dev.gangway.gateway.config.RateLimitsConfig;
import dev.gangway.gateway.config.RateLimitsConfig.FailureMode;
import dev.gangway.gateway.ratelimit.RateDecision.Quota;
import io.github.bucket4j.ConsumptionProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks a request against its route's limits: one token from each limit's bucket (in order;
 * the first empty one answers 429, tokens already taken from earlier buckets stay taken) and, for
 * streams, a slot under each limit's stream cap.
 *
 * <p>Thread-safe; owns the bucket store and the stream slots, which outlive snapshots (a reload
 * keeps counting), and closes the store. Built by {@link #create}.
 */
public final class RateLimiter implements AutoCloseable {
  private final BucketStore store;
  private final FailureMode onFailure;
  private final StreamSlots slots = new StreamSlots();

  RateLimiter(BucketStore store, FailureMode onFailure) {
    this.store = store;
    this.onFailure = onFailure;
  }

  /** The limiter for a {@code rate_limits} section: Redis when configured, else local. */
  public static RateLimiter create(RateLimitsConfig config) {
    return config.redis()
        .map(redis -> new RateLimiter(new RedisBucketStore(redis), redis.onFailure()))
        .orElseGet(() -> new RateLimiter(new LocalBucketStore(config.maxLocalKeys()),
            FailureMode.CLOSED));
  }

  /** Whether this limiter was made for the same store settings (so a reload can keep it). */
  public BucketStore store() {
    return store;
  }

  public FailureMode onFailure() {
    return onFailure;
  }

  /**
   * The decision for one request.
   *
   * @param route the route's name (gRPC method or {@code composite:NAME})
   * @param stream whether the request opens a stream (server, client, bidi or WebSocket)
   */
  public CompletableFuture<RateDecision> check(List<Limit> limits, String route,
      Optional<Identity> identity, String address, boolean stream) {
    if (limits.isEmpty()) {
      return CompletableFuture.completedFuture(new RateDecision.Allowed(Optional.empty(), List.of()));
    }
    return next(limits, 0, route, identity, address, stream, Optional.empty());
  }

  private CompletableFuture<RateDecision> next(List<Limit> limits, int index, String route,
      Optional<Identity> identity, String address, boolean stream, Optional<Quota> tightest) {
    if (index == limits.size()) {
      return CompletableFuture.completedFuture(streams(limits, route, identity, address, stream,
          tightest));
    }
    Limit limit = limits.get(index);
    if (limit.bucket().isEmpty()) {
      return next(limits, index + 1, route, identity, address, stream, tightest);
    }
    String key = limit.key(route, identity, address);
    return store.tryConsume(key, limit.bucket().get()).handle((probe, failure) -> {
      if (failure != null) {
        return onFailure == FailureMode.OPEN ? null : (RateDecision) new RateDecision.Unavailable(
            "rate limit " + limit.name() + " cannot be checked: the rate limit store is"
                + " unreachable");
      }
      Quota quota = quota(limit, probe);
      if (!probe.isConsumed()) {
        long retry = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new RateDecision.Limited("rate limit " + limit.name() + " exceeded ("
            + limit.tokens() + " per " + limit.period().toSeconds() + "s); retry in " + retry
            + "s", retry, Optional.of(quota));
      }
      return new Progress(tighter(tightest, quota));
    }).thenCompose(result -> {
      if (result instanceof RateDecision decision) {
        return CompletableFuture.completedFuture(decision);
      }
      Optional<Quota> nextTightest = result == null ? tightest : ((Progress) result).tightest();
      return next(limits, index + 1, route, identity, address, stream, nextTightest);
    });
  }

  /** An intermediate result: this bucket had a token. */
  private record Progress(Optional<Quota> tightest) {}

  private RateDecision streams(List<Limit> limits, String route, Optional<Identity> identity,
      String address, boolean stream, Optional<Quota> tightest) {
    List<StreamSlots.Slot> taken = new ArrayList<>();
    if (stream) {
      for (Limit limit : limits) {
        OptionalInt max = limit.concurrentStreams();
        if (max.isEmpty()) {
          continue;
        }
        Optional<StreamSlots.Slot> slot =
            slots.acquire(limit.key(route, identity, address), max.getAsInt());
        if (slot.isEmpty()) {
          taken.forEach(StreamSlots.Slot::release);
          return new RateDecision.Limited("rate limit " + limit.name() + ": " + max.getAsInt()
              + " concurrent streams already open", 1, tightest);
        }
        taken.add(slot.get());
      }
    }
    return new RateDecision.Allowed(tightest, taken);
  }

  private static Quota quota(Limit limit, ConsumptionProbe probe) {
    return new Quota(limit.name(), limit.burst(), probe.getRemainingTokens(),
        seconds(probe.getNanosToWaitForReset()), limit.period().toSeconds());
  }

  private static Optional<Quota> tighter(Optional<Quota> a, Quota b) {
    return a.isPresent() && a.get().remaining() <= b.remaining() ? a : Optional.of(b);
  }

  private static long seconds(long nanos) {
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }

  /** Stream slots open under a limit key; for tests and {@code /admin/status}. */
  StreamSlots slots() {
    return slots;
  }

  @Override
  public void close() {
    store.close();
  }
}
