/**
 * Internal: from {@code google.api.http} rules to routes, used by the {@link
 * dev.gangway.transcoder.Transcoder} facade and by the gateway; not part of the library's API (see
 * docs/library.md). {@link HttpRuleReader} reads the rules of loaded services, {@link RouteTable}
 * matches an HTTP method and raw path to a route.
 *
 * <p>Everything here is non-null unless a Javadoc says otherwise. Builders are confined to the
 * loader; built tables are immutable and thread-safe.
 */
package dev.gangway.transcoder.internal.routing;
