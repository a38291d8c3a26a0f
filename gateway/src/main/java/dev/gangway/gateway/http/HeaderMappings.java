package dev.gangway.gateway.http;

import dev.gangway.gateway.config.HeadersConfig;

/**
 * The header mapping for the latest headers config, rebuilt only when a reload brought a
 * different one.
 *
 * <p>Thread-safe: one volatile reference; a race rebuilds the same mapping twice at worst.
 */
final class HeaderMappings {
  private volatile CachedMapping mapping = new CachedMapping(HeadersConfig.DEFAULT,
      HeaderMapping.of(HeadersConfig.DEFAULT));

  HeaderMapping forConfig(HeadersConfig config) {
    CachedMapping cached = mapping;
    if (cached.config() != config && !cached.config().equals(config)) {
      cached = new CachedMapping(config, HeaderMapping.of(config));
      mapping = cached;
    }
    return cached.mapping();
  }

  private record CachedMapping(HeadersConfig config, HeaderMapping mapping) {}
}
