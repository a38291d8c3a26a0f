package dev.gangway.gateway.policy;

import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.routing.GatewayRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policies of one snapshot, in the order the policy stage runs them.
 *
 * <p>{@link #factories()} is the one list of policy kinds: a new policy is added there (see
 * docs/architecture.md#per-route-policy). Immutable and thread-safe.
 */
public final class RoutePolicies {
  /**
   * Every kind of policy the gateway has, in the order they run: a policy that answers requests
   * itself (CORS preflight), then ones that reject them (authentication, then rate limits).
   * Observing (metrics, access log, tracing) is the chain's first stage, not a policy, since it
   * must also see requests refused before matching. A policy
   * that needs a resource outliving snapshots (a Redis connection) gets it as
   * a parameter of this method, created and closed by {@code GatewayServer}.
   */
  public static List<RoutePolicy.Factory> factories() {
    return List.of();
  }

  /** No policy: every request goes on to its route. */
  public static final RoutePolicies NONE = new RoutePolicies(List.of());

  private final List<RoutePolicy> policies;

  private RoutePolicies(List<RoutePolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  /**
   * Builds the policies {@code factories} make for a snapshot's config, in their order; the
   * gateway passes {@link #factories()}, tests may bring their own.
   */
  public static RoutePolicies compile(
      List<RoutePolicy.Factory> factories, GatewayConfig config, GatewayRoutes routes)
      throws PolicyException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(routes, "routes");
    List<RoutePolicy> policies = new ArrayList<>();
    for (RoutePolicy.Factory factory : factories) {
      Optional<RoutePolicy> policy = factory.create(config, routes);
      policy.ifPresent(policies::add);
    }
    return new RoutePolicies(policies);
  }

  /** The policies, in the order they run. */
  public List<RoutePolicy> policies() {
    return policies;
  }
}
