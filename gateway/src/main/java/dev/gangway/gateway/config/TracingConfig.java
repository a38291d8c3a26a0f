package dev.gangway.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tracing} section: OpenTelemetry spans (a server span per request, a client span per
 * backend call) exported over OTLP/HTTP. The standard {@code OTEL_*} environment variables (and
 * {@code otel.*} system properties) override these values.
 *
 * <p>Immutable. Read at start: a change needs a restart.
 *
 * @param enabled whether spans are made and exported (default false: {@code traceparent} then
 *     passes through to backends as received)
 * @param endpoint the OTLP/HTTP endpoint (the collector's base URL; {@code /v1/traces} is added),
 *     default the SDK's {@code http://localhost:4318}
 * @param sampleRatio the fraction of new traces recorded, 0 to 1 (default 1); a request with a
 *     sampled parent is always recorded (parent-based sampling)
 * @param serviceName the {@code service.name} of the spans (default {@code gangway})
 */
public record TracingConfig(
    boolean enabled, Optional<String> endpoint, double sampleRatio, String serviceName) {
  public static final TracingConfig DEFAULT =
      new TracingConfig(false, Optional.empty(), 1.0, "gangway");

  public TracingConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(serviceName, "serviceName");
    if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
      throw new IllegalArgumentException("sampleRatio " + sampleRatio + " not in [0, 1]");
    }
  }
}
