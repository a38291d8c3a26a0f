package dev.gangway.gateway.config;

import java.util.List;

/**
 * Reads {@code backends[].reflection}: a backend as the source of its own descriptors.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class ReflectionReader {
  static final List<String> KEYS =
      List.of("enabled", "refresh_interval", "timeout", "max_files", "max_size");
  /** A fetch of more files than this is a hostile or broken backend, whatever the config says. */
  static final int MAX_FILES_LIMIT = 100_000;
  /** As {@link #MAX_FILES_LIMIT}, for bytes: 1 GiB. */
  static final long MAX_SIZE_LIMIT = 1L << 30;

  private ReflectionReader() {}

  static ReflectionConfig read(ConfigNode node) throws ConfigException {
    if (node.isAbsent()) {
      return ReflectionConfig.DISABLED;
    }
    node.mapping(KEYS);
    ReflectionConfig d = ReflectionConfig.DISABLED;
    return new ReflectionConfig(
        // Present means wanted: `reflection: {}` turns it on, `enabled: false` keeps the settings.
        node.get("enabled").bool().orElse(true),
        node.get("refresh_interval").duration().orElse(d.refreshInterval()),
        node.get("timeout").duration().orElse(d.timeout()),
        node.get("max_files").integer(1, MAX_FILES_LIMIT).orElse(d.maxFiles()),
        node.get("max_size").size(MAX_SIZE_LIMIT).orElse(d.maxBytes()));
  }
}
