package dev.gangway.gateway.config;

import java.util.Set;

/**
 * Which request headers go to backends as metadata beyond the built-in ones
 * ({@code Authorization}, {@code Grpc-Metadata-*}, {@code traceparent}, {@code tracestate}).
 *
 * @param forward header names (case-insensitive; stored lower-case) forwarded as they are
 */
public record HeadersConfig(Set<String> forward) {
  public HeadersConfig {
    forward = Set.copyOf(forward);
  }

  public static final HeadersConfig DEFAULT = new HeadersConfig(Set.of());
}
