/**
 * Per-route access: the compiled {@code access} rules of one snapshot ({@link
 * dev.gangway.gateway.access.AccessPolicy}: who may call each route, which limits apply, which
 * metadata carries the identity) and the long-lived services they use ({@link
 * dev.gangway.gateway.access.AccessServices}: JWKS sources, the rate limiter).
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.access;
