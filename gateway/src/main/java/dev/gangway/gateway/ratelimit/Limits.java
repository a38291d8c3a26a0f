package dev.gangway.gateway.ratelimit;

import dev.gangway.gateway.config.RateLimitsConfig;
import dev.gangway.gateway.config.RateLimitsConfig.LimitConfig;
import java.util.HashMap;
import java.util.Map;

/** Compiles the named limits of a {@code rate_limits} section; setup code. Stateless. */
public final class Limits {
  private Limits() {}

  public static Map<String, Limit> compile(RateLimitsConfig config) {
    Map<String, Limit> limits = new HashMap<>();
    for (LimitConfig limit : config.limits()) {
      limits.put(limit.name(), new Limit(limit));
    }
    return limits;
  }
}
