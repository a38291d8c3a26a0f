/**
 * CORS: the {@code cors} section as a per-route policy of the chain's policy stage ({@link
 * dev.gangway.gateway.cors.CorsRoutePolicy}). Preflights are answered there, for every kind of
 * route, without reaching a backend; allowed cross-origin requests get their
 * {@code Access-Control-*} headers before they go on; the WebSocket origin check accepts the
 * origins the route's settings allow.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.cors;
