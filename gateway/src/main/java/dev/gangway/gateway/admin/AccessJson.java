package dev.gangway.gateway.admin;

import dev.gangway.gateway.access.RouteAccess;
import dev.gangway.gateway.ratelimit.Limit;
import java.util.List;

/**
 * A route's access policy as the admin API shows it.
 *
 * <p>Immutable.
 *
 * @param rule the config rule it took ({@code access.routes[1]} or {@code access.default})
 * @param require the requirement, e.g. {@code any_of(jwt corp [scopes: read], api_key partners)}
 * @param rateLimits each limit, e.g. {@code per-partner: 100 per 1m (burst 100) per consumer}
 */
record AccessJson(String rule, String require, List<String> rateLimits) {
  static AccessJson of(RouteAccess policy) {
    return new AccessJson(policy.rule(), policy.requirement().formatted(),
        policy.limits().stream().map(Limit::describe).toList());
  }
}
