package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where descriptor sets come from and whether changes are picked up without restart.
 *
 * @param paths files or directories (default {@code descriptors/})
 * @param watch reload when a file changes (default true)
 * @param pollInterval how often checksums are compared, as a backstop for lost file events
 *     (default 2s)
 */
public record DescriptorsConfig(List<Path> paths, boolean watch, Duration pollInterval) {
  public DescriptorsConfig {
    paths = List.copyOf(paths);
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  public static final DescriptorsConfig DEFAULT =
      new DescriptorsConfig(List.of(Path.of("descriptors")), true, Duration.ofSeconds(2));
}
