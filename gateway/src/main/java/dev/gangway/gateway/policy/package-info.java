/**
 * Per-route policy: the extension point of the chain's policy stage. A {@link
 * dev.gangway.gateway.policy.RoutePolicy} sees every request's one {@link
 * dev.gangway.gateway.routing.RouteMatch} before its body is read or its backend called, and
 * proceeds, rejects with a {@code google.rpc.Status}, answers itself, or decides later. Policies
 * are built per snapshot by the factories listed in {@link
 * dev.gangway.gateway.policy.RoutePolicies}; docs/architecture.md#per-route-policy says how to add
 * one.
 *
 * <p>Everything is non-null unless its Javadoc says otherwise.
 */
package dev.gangway.gateway.policy;
