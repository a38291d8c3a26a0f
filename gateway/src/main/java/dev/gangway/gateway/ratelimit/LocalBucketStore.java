package dev.gangway.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this instance's memory: at most {@code maxKeys}; when full, an eighth of them
 * (whichever the map yields first) is dropped, and a dropped bucket starts full again. The bound
 * matters because keys can come from clients (addresses, claims).
 *
 * <p>Thread-safe: a concurrent map of lock-free Bucket4j buckets.
 */
public final class LocalBucketStore implements BucketStore {
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final int maxKeys;

  public LocalBucketStore(int maxKeys) {
    this.maxKeys = maxKeys;
  }

  @Override
  public CompletableFuture<ConsumptionProbe> tryConsume(String key, BucketConfiguration shape) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys) {
        evict();
      }
      bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
          .addLimit(shape.getBandwidths()[0]).build());
    }
    return CompletableFuture.completedFuture(bucket.tryConsumeAndReturnRemaining(1));
  }

  private void evict() {
    int drop = Math.max(1, maxKeys / 8);
    Iterator<String> keys = buckets.keySet().iterator();
    while (drop-- > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  int size() {
    return buckets.size();
  }

  @Override
  public StoreState state() {
    return new StoreState("local", true, buckets.size() + " bucket(s)");
  }

  @Override
  public void close() {
    buckets.clear();
  }
}
