package dev.gangway.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from an HTTPS JWKS URL: fetched in the background with an asynchronous HTTP client,
 * refreshed every {@code refresh} and, for a token with an unknown {@code kid}, at most once per
 * {@code minRefresh}. A failed fetch keeps the last good keys (served stale) and records the
 * error; before the first success there are no keys and readiness says so.
 *
 * <p>Thread-safe: the keys are one volatile reference; fetch bookkeeping is synchronized. Owned by
 * {@link JwksRegistry}, which shares one per URL across snapshots and closes it when no snapshot
 * names it.
 */
final class UrlJwks implements JwksSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UrlJwks.class);
  /** A JWKS is a few keys; a response this large is not one. */
  static final int MAX_BYTES = 1 << 20;

  private final URI url;
  private final HttpClient client;
  private final Duration minRefresh;
  private final Duration timeout;
  private final Clock clock;
  private final ScheduledFuture<?> schedule;
  private volatile JWKSet keys;
  private volatile String lastError;
  private Instant lastFetch = Instant.MIN;
  private CompletableFuture<Void> inFlight;

  UrlJwks(URI url, HttpClient client, Duration refresh, Duration minRefresh, Duration timeout,
      ScheduledExecutorService scheduler, Clock clock) {
    this.url = url;
    this.client = client;
    this.minRefresh = minRefresh;
    this.timeout = timeout;
    this.clock = clock;
    fetch();
    this.schedule = scheduler.scheduleWithFixedDelay(
        this::fetch, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<JWKSet> current() {
    return Optional.ofNullable(keys);
  }

  @Override
  public synchronized CompletableFuture<Void> refreshForUnknownKid() {
    if (inFlight != null) {
      return inFlight;
    }
    if (Duration.between(lastFetch, clock.instant()).compareTo(minRefresh) < 0) {
      return CompletableFuture.completedFuture(null);
    }
    return fetch();
  }

  @Override
  public JwksState state() {
    JWKSet current = keys;
    return new JwksState(url.toString(), current != null, current == null ? 0 : current.size(),
        Optional.ofNullable(lastError));
  }

  /** Starts a fetch unless one is running; the future completes normally either way. */
  synchronized CompletableFuture<Void> fetch() {
    if (inFlight != null) {
      return inFlight;
    }
    lastFetch = clock.instant();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Accept", "application/json").GET().build();
    CompletableFuture<Void> done = client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, failure) -> {
          accept(response, failure);
          return null;
        });
    inFlight = done;
    done.whenComplete((ignored, failure) -> {
      synchronized (this) {
        inFlight = null;
      }
    });
    return done;
  }

  private void accept(HttpResponse<byte[]> response, Throwable failure) {
    String error;
    if (failure != null) {
      error = "fetch failed: " + failure.getClass().getSimpleName()
          + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    } else if (response.statusCode() != 200) {
      error = "fetch answered HTTP " + response.statusCode();
    } else if (response.body().length > MAX_BYTES) {
      error = "response larger than " + MAX_BYTES + " bytes";
    } else {
      try {
        JWKSet parsed = JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
        keys = parsed.toPublicJWKSet();
        lastError = null;
        log.debug("JWKS {}: {} key(s)", url, parsed.size());
        return;
      } catch (ParseException e) {
        error = "response is not a JWK set: " + e.getMessage();
      }
    }
    lastError = error;
    log.warn("JWKS {}: {}{}", url, error,
        keys == null ? " (no keys loaded yet)" : " (serving the last good keys)");
  }

  @Override
  public void close() {
    schedule.cancel(false);
  }
}
