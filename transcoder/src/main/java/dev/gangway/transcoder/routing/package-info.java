/**
 * From {@code google.api.http} rules to routes:
 * {@link dev.gangway.transcoder.routing.HttpRuleReader}
 * reads the rules of loaded services, {@link dev.gangway.transcoder.routing.RouteTable} matches an
 * HTTP method and raw path to a route.
 *
 * <p>Everything here is non-null unless a Javadoc says otherwise. Builders are confined to the
 * loader; built tables are immutable and thread-safe.
 */
package dev.gangway.transcoder.routing;
