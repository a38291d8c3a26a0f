package dev.gangway.gateway.access;

import dev.gangway.gateway.ratelimit.RateDecision.Quota;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Optional;

/**
 * The rate-limit response headers: {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} (seconds until the bucket is full) and {@code RateLimit-Policy}
 * ({@code <burst>;w=<period seconds>}) after the IETF httpapi RateLimit header fields draft, for
 * the limit with the fewest tokens left; {@code Retry-After} (RFC 9110 section 10.2.3, seconds)
 * on a 429.
 *
 * <p>Stateless.
 */
final class RateLimitHeaders {
  static final HttpString LIMIT = HttpString.tryFromString("RateLimit-Limit");
  static final HttpString REMAINING = HttpString.tryFromString("RateLimit-Remaining");
  static final HttpString RESET = HttpString.tryFromString("RateLimit-Reset");
  static final HttpString POLICY = HttpString.tryFromString("RateLimit-Policy");

  private RateLimitHeaders() {}

  static void add(HttpServerExchange exchange, Optional<Quota> quota) {
    if (quota.isEmpty()) {
      return;
    }
    Quota q = quota.get();
    exchange.getResponseHeaders()
        .put(LIMIT, q.capacity())
        .put(REMAINING, q.remaining())
        .put(RESET, q.resetSeconds())
        .put(POLICY, q.capacity() + ";w=" + q.windowSeconds());
  }

  static void retryAfter(HttpServerExchange exchange, long seconds) {
    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, seconds);
  }
}
