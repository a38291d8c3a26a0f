package dev.gangway.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which request headers go to backends as metadata beyond the built-in ones
 * ({@code Authorization}, {@code Grpc-Metadata-*}, {@code traceparent}, {@code tracestate}), whose
 * forwarding headers are believed, and how much metadata a backend accepts.
 *
 * @param forward header names (case-insensitive; stored lower-case) forwarded as they are
 * @param trustedProxies peers whose {@code X-Forwarded-*}, {@code Forwarded} and
 *     {@code X-Real-IP} headers are passed on; from anyone else they are dropped (default none)
 * @param maxMetadataBytes the backends' limit on request metadata (HTTP/2 header list size,
 *     name + value + 32 per entry); a request whose forwarded metadata would not fit gets 431
 *     (default 8 KiB, grpc-java's and grpc-go's server default)
 */
public record HeadersConfig(
    Set<String> forward, List<AddressRange> trustedProxies, int maxMetadataBytes) {
  public static final int DEFAULT_MAX_METADATA_BYTES = 8 << 10;

  public HeadersConfig {
    forward = Set.copyOf(forward);
    trustedProxies = List.copyOf(trustedProxies);
    if (maxMetadataBytes < 1) {
      throw new IllegalArgumentException("maxMetadataBytes must be positive");
    }
  }

  /** Forwards these names, trusts no proxy, assumes the default backend metadata limit. */
  public HeadersConfig(Set<String> forward) {
    this(forward, List.of(), DEFAULT_MAX_METADATA_BYTES);
  }

  public static final HeadersConfig DEFAULT = new HeadersConfig(Set.of());

  /** The same settings trusting these proxies instead. */
  public HeadersConfig withTrustedProxies(List<AddressRange> proxies) {
    return new HeadersConfig(forward, Objects.requireNonNull(proxies, "proxies"), maxMetadataBytes);
  }
}
