package dev.gangway.gateway.config;

import java.util.Set;

/**
 * Which request headers go to backends as metadata beyond the built-in ones
 * ({@code Authorization}, {@code Grpc-Metadata-*}, {@code traceparent}, {@code tracestate}) and
 * how much metadata a backend accepts. Whose forwarding headers are believed is
 * {@link ServerConfig#trustedProxies}.
 *
 * @param forward header names (case-insensitive; stored lower-case) forwarded as they are
 * @param maxMetadataBytes the backends' limit on request metadata (HTTP/2 header list size,
 *     name + value + 32 per entry); a request whose forwarded metadata would not fit gets 431
 *     (default 8 KiB, grpc-java's and grpc-go's server default)
 */
public record HeadersConfig(Set<String> forward, int maxMetadataBytes) {
  public static final int DEFAULT_MAX_METADATA_BYTES = 8 << 10;

  public HeadersConfig {
    forward = Set.copyOf(forward);
    if (maxMetadataBytes < 1) {
      throw new IllegalArgumentException("maxMetadataBytes must be positive");
    }
  }

  /** Forwards these names, assumes the default backend metadata limit. */
  public HeadersConfig(Set<String> forward) {
    this(forward, DEFAULT_MAX_METADATA_BYTES);
  }

  public static final HeadersConfig DEFAULT = new HeadersConfig(Set.of());
}
