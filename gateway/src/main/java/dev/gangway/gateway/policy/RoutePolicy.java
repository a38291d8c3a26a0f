package dev.gangway.gateway.policy;

import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.routing.GatewayRoutes;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * One per-route policy (authentication, CORS, rate limits...): a check the chain's policy
 * stage runs for every request after it was matched, whatever the match (a route of any kind, not
 * found, method not allowed), before any body is read or backend call is started. How to add one:
 * docs/architecture.md#per-route-policy.
 *
 * <p>A policy is built by its {@link Factory} when a snapshot is built and lives as long as the
 * snapshot: immutable and thread-safe, it may hold state compiled from the config (per-route
 * settings in a {@link PerRoute}) and shared resources handed to its factory.
 */
@FunctionalInterface
public interface RoutePolicy {

  /**
   * Decides about one request. Runs on the exchange's IO thread and must not block: work that
   * waits (a token introspection, a Redis round trip) returns {@link Verdict#later}.
   *
   * <p>A policy may add response headers ({@code exchange.getResponseHeaders()}) whatever it
   * decides, e.g. {@code WWW-Authenticate} with a rejection or CORS headers before proceeding; it
   * may add an exchange-completion listener to observe the outcome.
   *
   * @param exchange the request; its body has not been read
   * @param match the request's one match: {@link RouteMatch.Matched#route()} and {@link
   *     RouteMatch.Matched#kind()} say which route of which kind will serve it
   * @return what the stage does next
   */
  Verdict check(HttpServerExchange exchange, RouteMatch match);

  /**
   * Builds a policy for one snapshot from its config; registered in {@link RoutePolicies}.
   * Runs off the request path, when a snapshot is built (at start and on every reload).
   */
  @FunctionalInterface
  interface Factory {
    /**
     * The policy for this snapshot, or empty when the config does not turn it on.
     *
     * @param config the snapshot's validated config
     * @param routes every route of the snapshot, to resolve per-route settings once ({@link
     *     PerRoute#resolve})
     * @throws PolicyException when the config cannot be applied to these routes (an unknown
     *     method name, say): the snapshot fails to build, and a reload keeps the old one
     */
    Optional<RoutePolicy> create(GatewayConfig config, GatewayRoutes routes)
        throws PolicyException;
  }
}
