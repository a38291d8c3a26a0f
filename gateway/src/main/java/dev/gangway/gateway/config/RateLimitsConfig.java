package dev.gangway.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code rate_limits} section: named token buckets that {@code access} rules apply and where
 * their state lives (docs/security.md). The client address of {@code per: [address]} is resolved
 * behind {@link ServerConfig#trustedProxies}.
 *
 * <p>Immutable.
 *
 * @param redis the shared store; empty keeps every bucket on this instance
 * @param maxLocalKeys the most buckets kept on this instance (one per limit and key)
 */
public record RateLimitsConfig(
    List<LimitConfig> limits,
    Optional<RedisConfig> redis,
    int maxLocalKeys) {
  public static final int DEFAULT_MAX_LOCAL_KEYS = 100_000;
  public static final RateLimitsConfig DEFAULT =
      new RateLimitsConfig(List.of(), Optional.empty(), DEFAULT_MAX_LOCAL_KEYS);

  public RateLimitsConfig {
    limits = List.copyOf(limits);
    Objects.requireNonNull(redis, "redis");
  }

  /** The limit with this name. */
  public Optional<LimitConfig> limit(String name) {
    return limits.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** What a bucket is counted per; several combine into one key. */
  public enum Dimension {
    /** The matched route (gRPC method or composite). */
    ROUTE,
    /** The verified consumer; the client address for anonymous requests. */
    CONSUMER,
    /** The client address (behind server.trusted_proxies, the right-most untrusted hop). */
    ADDRESS,
    /** A claim of the verified JWT (set {@code claim}). */
    CLAIM;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One named limit: a bucket of {@code burst} tokens refilled with {@code tokens} per
   * {@code period}, one per distinct key; optionally a cap on concurrent streams per consumer.
   *
   * @param claim the claim name when {@code per} contains {@link Dimension#CLAIM}
   * @param concurrentStreams streams (server, client, WebSocket) one key may hold open at once
   */
  public record LimitConfig(
      String name,
      List<Dimension> per,
      Optional<String> claim,
      long tokens,
      Duration period,
      long burst,
      OptionalInt concurrentStreams) {
    public LimitConfig {
      Objects.requireNonNull(name, "name");
      per = List.copyOf(per);
      Objects.requireNonNull(claim, "claim");
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(concurrentStreams, "concurrentStreams");
    }
  }

  /** What a request gets when Redis cannot be asked. */
  public enum FailureMode {
    /** Let the request through uncounted (availability first). */
    OPEN,
    /** Refuse it with 503 (the budget first). */
    CLOSED;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The shared store.
   *
   * @param uri {@code redis://host:port[/db]} (or {@code rediss://})
   * @param onFailure what happens while Redis is unreachable
   * @param timeout how long one Redis command may take before it counts as a failure
   * @param prefix key prefix, so that several gateways' budgets can share one Redis
   */
  public record RedisConfig(URI uri, FailureMode onFailure, Duration timeout, String prefix) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    public static final String DEFAULT_PREFIX = "gangway:rl:";

    public RedisConfig {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(onFailure, "onFailure");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(prefix, "prefix");
    }
  }
}
