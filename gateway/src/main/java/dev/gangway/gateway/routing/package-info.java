/**
 * One table per snapshot for every kind of route: {@link
 * dev.gangway.gateway.routing.GatewayRoutes} matches a request once to a {@link
 * dev.gangway.gateway.routing.RouteMatch} (a {@link dev.gangway.gateway.routing.GatewayRoute} of a
 * {@link dev.gangway.gateway.routing.RouteKind}, not found, or method not allowed), which the
 * handler chain, the WebSocket upgrade and {@code /admin/explain} all use.
 *
 * <p>Everything here is compiled when a snapshot is built and is immutable and thread-safe.
 * Everything is non-null unless its Javadoc says otherwise.
 */
package dev.gangway.gateway.routing;
