package dev.gangway.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.CompletableFuture;

/**
 * Where token buckets live: on this instance or in Redis.
 *
 * <p>Thread-safe; {@link #tryConsume} never blocks (a local bucket answers at once, a Redis one
 * when the command returns).
 */
public sealed interface BucketStore extends AutoCloseable permits LocalBucketStore, RedisBucketStore {
  /**
   * Takes one token from the bucket under {@code key} (created full with {@code shape} when
   * new). Completes exceptionally when the store cannot be reached.
   */
  CompletableFuture<ConsumptionProbe> tryConsume(String key, BucketConfiguration shape);

  /** For {@code /readyz} and {@code /admin/status}. */
  StoreState state();

  @Override
  void close();

  /**
   * @param store {@code local} or the Redis URI without credentials
   * @param reachable whether the last command (or connection attempt) succeeded
   * @param detail the last failure, or what failing means
   */
  record StoreState(String store, boolean reachable, String detail) {}
}
