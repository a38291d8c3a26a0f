package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-method settings that override the backend's.
 *
 * @param method the gRPC method's full name, {@code pkg.Service.Method}
 * @param timeout deadline of calls to this method
 */
public record RouteConfig(String method, Duration timeout) {
  public RouteConfig {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(timeout, "timeout");
  }
}
