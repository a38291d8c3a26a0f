package dev.gangway.gateway.access;

import dev.gangway.gateway.auth.Requirement;
import dev.gangway.gateway.ratelimit.Limit;
import java.util.List;
import java.util.Objects;

/**
 * What applies to one route: the rule it took, who may call, and its limits.
 *
 * <p>Immutable.
 *
 * @param rule where the rule is in the config ({@code access.routes[2]}, {@code access.default})
 */
public record RouteAccess(String rule, Requirement requirement, List<Limit> limits) {
  public RouteAccess {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(requirement, "requirement");
    limits = List.copyOf(limits);
  }

  /** Public and unlimited: what a gateway without {@code access} gives every route. */
  public static final RouteAccess OPEN = new RouteAccess("access.default", Requirement.PUBLIC,
      List.of());
}
