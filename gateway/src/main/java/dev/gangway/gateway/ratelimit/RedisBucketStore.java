package dev.gangway.gateway.ratelimit;

import dev.gangway.gateway.config.RateLimitsConfig.RedisConfig;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis, shared by every gateway that names the same Redis and prefix: Bucket4j's
 * compare-and-swap proxy over one Lettuce connection. Lettuce is asynchronous (Netty), so a
 * bucket check is a future, never a blocked IO thread; commands fail at once while disconnected
 * (rather than queueing without bound) and after {@code timeout} otherwise. Keys expire once
 * their bucket would have refilled.
 *
 * <p>Thread-safe. Waits up to 10 seconds for the first connection when created (setup code),
 * then retries every second in the background until it succeeds; Lettuce reconnects a lost
 * connection by itself.
 */
public final class RedisBucketStore implements BucketStore {
  private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);
  private static final Duration RECONNECT = Duration.ofSeconds(1);
  /** How long start-up waits for the first connection (Netty's first start is slow). */
  private static final Duration FIRST_CONNECT = Duration.ofSeconds(10);

  private final RedisConfig config;
  private final RedisClient client;
  private final ScheduledExecutorService retries;
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private volatile AsyncProxyManager<String> buckets;
  private volatile String lastFailure = "not connected yet";
  private volatile boolean reachable;
  private volatile boolean closed;

  public RedisBucketStore(RedisConfig config) {
    this.config = config;
    RedisURI uri = RedisURI.create(config.uri());
    uri.setTimeout(config.timeout());
    this.client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
        .build());
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "gangway-redis-connect");
      thread.setDaemon(true);
      return thread;
    });
    // The first attempt is awaited (bounded): a gateway that starts next to a reachable Redis
    // counts from its first request. Later attempts run in the background.
    try {
      connect().get(FIRST_CONNECT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Recorded by connect(); requests meet on_failure until a retry succeeds.
    }
  }

  private CompletableFuture<?> connect() {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    return client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE),
            RedisURI.create(config.uri()))
        .whenComplete((conn, failure) -> {
          if (failure != null || closed) {
            if (conn != null) {
              conn.closeAsync();
            }
            failed(failure);
            if (!closed) {
              retries.schedule(this::connect, RECONNECT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
          }
          connection = conn;
          buckets = Bucket4jLettuce.casBasedBuilder(conn)
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofSeconds(10)))
              .build()
              .asAsync();
          reachable = true;
          log.info("rate limits: connected to {}", redactedUri());
        }).toCompletableFuture();
  }

  @Override
  public CompletableFuture<ConsumptionProbe> tryConsume(String key, BucketConfiguration shape) {
    AsyncProxyManager<String> proxies = buckets;
    if (proxies == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(lastFailure));
    }
    CompletableFuture<ConsumptionProbe> probe;
    try {
      probe = proxies.builder().build(config.prefix() + key, () ->
          CompletableFuture.completedFuture(shape)).tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      failed(e);
      return CompletableFuture.failedFuture(e);
    }
    return probe.orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((p, failure) -> {
          if (failure != null) {
            failed(failure);
          } else {
            reachable = true;
          }
        });
  }

  private void failed(Throwable failure) {
    String message = failure == null ? "unknown failure"
        : failure.getClass().getSimpleName()
            + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    if (reachable) {
      log.warn("rate limits: Redis {} unreachable ({}); requests are {}", redactedUri(), message,
          config.onFailure() == dev.gangway.gateway.config.RateLimitsConfig.FailureMode.OPEN
              ? "let through uncounted (on_failure: open)" : "refused (on_failure: closed)");
    }
    reachable = false;
    lastFailure = message;
  }

  /** The URI without a password. */
  String redactedUri() {
    URI uri = config.uri();
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  @Override
  public StoreState state() {
    boolean up = reachable && connection != null && connection.isOpen();
    return new StoreState("redis " + redactedUri(), up,
        up ? "connected" : lastFailure);
  }

  @Override
  public void close() {
    closed = true;
    retries.shutdownNow();
    StatefulRedisConnection<String, byte[]> conn = connection;
    if (conn != null) {
      conn.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
