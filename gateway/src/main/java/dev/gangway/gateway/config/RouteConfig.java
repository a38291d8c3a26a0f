package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-method settings: a deadline that overrides the backend's, and the HTTP semantics of the
 * method's bindings.
 *
 * @param method the gRPC method's full name, {@code pkg.Service.Method}
 * @param timeout deadline of calls to this method; empty for the backend's
 * @param http success status, headers from fields, conditional headers to fields
 */
public record RouteConfig(String method, Optional<Duration> timeout, HttpSemanticsConfig http) {
  public RouteConfig {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(http, "http");
  }

  /** A deadline alone. */
  public RouteConfig(String method, Duration timeout) {
    this(method, Optional.of(timeout), HttpSemanticsConfig.DEFAULT);
  }
}
