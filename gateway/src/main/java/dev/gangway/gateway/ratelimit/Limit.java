package dev.gangway.gateway.ratelimit;

import dev.gangway.gateway.auth.Identity;
import dev.gangway.gateway.config.RateLimitsConfig.Dimension;
import dev.gangway.gateway.config.RateLimitsConfig.LimitConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One compiled limit: its bucket shape (when it has tokens), its stream cap (when it has one), and
 * how a request's key is made.
 *
 * <p>Immutable and thread-safe.
 */
public final class Limit {
  private final LimitConfig config;
  private final Optional<BucketConfiguration> bucket;
  /** Part of every bucket key, so that a reload that changes the shape starts fresh buckets. */
  private final String keyPrefix;

  Limit(LimitConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.tokens() > 0) {
      this.bucket = Optional.of(BucketConfiguration.builder()
          .addLimit(Bandwidth.builder().capacity(config.burst())
              .refillGreedy(config.tokens(), config.period()).build())
          .build());
    } else {
      this.bucket = Optional.empty();
    }
    this.keyPrefix = config.name() + ":" + config.burst() + "/" + config.tokens() + "/"
        + config.period().toMillis() + ":";
  }

  public String name() {
    return config.name();
  }

  Optional<BucketConfiguration> bucket() {
    return bucket;
  }

  public long burst() {
    return config.burst();
  }

  public long tokens() {
    return config.tokens();
  }

  public Duration period() {
    return config.period();
  }

  public OptionalInt concurrentStreams() {
    return config.concurrentStreams();
  }

  public LimitConfig config() {
    return config;
  }

  /**
   * The key this request counts under: the configured dimensions joined, each tagged so that a
   * consumer named like an address cannot share its bucket.
   */
  String key(String route, Optional<Identity> identity, String address) {
    StringBuilder key = new StringBuilder(keyPrefix);
    for (Dimension dimension : config.per()) {
      switch (dimension) {
        case ROUTE -> key.append("r=").append(route);
        case CONSUMER -> key.append(identity.isPresent()
            ? "c=" + identity.get().provider() + "/" + identity.get().consumer() : "a=" + address);
        case ADDRESS -> key.append("a=").append(address);
        case CLAIM -> key.append("k=").append(identity
            .map(i -> i.claims().get(config.claim().orElseThrow())).orElse("-"));
      }
      key.append(';');
    }
    return key.toString();
  }

  /** E.g. {@code 100 per 1m (burst 100) per consumer, 5 concurrent streams}. */
  public String describe() {
    StringBuilder out = new StringBuilder(config.name()).append(": ");
    if (bucket.isPresent()) {
      out.append(config.tokens()).append(" per ").append(config.period().toString().substring(2)
          .toLowerCase(java.util.Locale.ROOT)).append(" (burst ").append(config.burst())
          .append(')');
    }
    config.concurrentStreams().ifPresent(n -> out.append(bucket.isPresent() ? ", " : "")
        .append(n).append(" concurrent streams"));
    if (!config.per().isEmpty()) {
      out.append(" per ");
      for (Dimension d : config.per()) {
        out.append(d == Dimension.CLAIM ? "claim " + config.claim().orElseThrow() : d.configName())
            .append(" and ");
      }
      out.setLength(out.length() - " and ".length());
    }
    return out.toString();
  }
}
