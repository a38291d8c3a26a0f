/**
 * What the gateway tells its operators about the traffic it serves: Prometheus metrics through
 * Micrometer ({@link dev.gangway.gateway.observe.GatewayMetrics}), with the meters of each route
 * and backend method resolved when a snapshot is built ({@link
 * dev.gangway.gateway.observe.RouteMeters}, {@link dev.gangway.gateway.observe.BackendMeters}),
 * and the note each request carries through the chain ({@link
 * dev.gangway.gateway.observe.RequestRecord}) for the one stage that records it. Every metric is
 * listed in docs/operations.md.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.observe;
