/**
 * Rate limits: token buckets per route, consumer, client address or claim (Bucket4j), kept on
 * this instance or shared by every replica through Redis (Bucket4j's Lettuce integration, whose
 * asynchronous commands never block an IO thread), and caps on concurrent streams per consumer.
 * {@link dev.gangway.gateway.ratelimit.RateLimiter} is the serve-side entry point.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.ratelimit;
