package dev.gangway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.RateLimitsConfig.LimitConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LocalBucketStoreTest {
  private final Limit limit = new Limit(new LimitConfig("q", List.of(), Optional.empty(), 2,
      Duration.ofHours(1), 2, OptionalInt.empty()));

  @Test
  void aBucketRunsDryAfterItsBurst() {
    LocalBucketStore store = new LocalBucketStore(10);

    assertThat(store.tryConsume("k", limit.bucket().orElseThrow()).join().isConsumed()).isTrue();
    assertThat(store.tryConsume("k", limit.bucket().orElseThrow()).join().isConsumed()).isTrue();
    assertThat(store.tryConsume("k", limit.bucket().orElseThrow()).join().isConsumed()).isFalse();
    assertThat(store.tryConsume("other", limit.bucket().orElseThrow()).join().isConsumed())
        .isTrue();
  }

  @Test
  void theNumberOfBucketsIsBounded() {
    LocalBucketStore store = new LocalBucketStore(16);

    for (int i = 0; i < 1000; i++) {
      store.tryConsume("client-" + i, limit.bucket().orElseThrow()).join();
    }

    assertThat(store.size()).isLessThanOrEqualTo(16);
  }

  @Test
  void streamSlotsAreTakenAndGivenBack() {
    StreamSlots slots = new StreamSlots();

    StreamSlots.Slot first = slots.acquire("k", 1).orElseThrow();
    assertThat(slots.acquire("k", 1)).isEmpty();
    first.release();
    first.release();

    assertThat(slots.openUnder("k")).isZero();
    assertThat(slots.acquire("k", 1)).isPresent();
  }
}
