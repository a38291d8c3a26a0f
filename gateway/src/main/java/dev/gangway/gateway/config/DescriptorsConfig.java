package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where descriptor sets come from and whether changes are picked up without restart.
 *
 * @param paths files or directories (default {@code descriptors/})
 * @param watch reload when a file changes (default true)
 * @param pollInterval how often checksums are compared, as a backstop for lost file events
 *     (default 2s)
 * @param breakingChanges what a reload does when the new descriptors break clients of the
 *     served ones (default {@link BreakingChangePolicy#LOG})
 */
public record DescriptorsConfig(
    List<Path> paths, boolean watch, Duration pollInterval, BreakingChangePolicy breakingChanges) {
  public DescriptorsConfig {
    paths = List.copyOf(paths);
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(breakingChanges, "breakingChanges");
  }

  /** With the default breaking-change policy, {@code log}. */
  public DescriptorsConfig(List<Path> paths, boolean watch, Duration pollInterval) {
    this(paths, watch, pollInterval, BreakingChangePolicy.LOG);
  }

  public static final DescriptorsConfig DEFAULT =
      new DescriptorsConfig(List.of(Path.of("descriptors")), true, Duration.ofSeconds(2));

  /** {@code descriptors.breaking_changes}: what a reload does with breaking changes. */
  public enum BreakingChangePolicy {
    /** Swap the new snapshot in; list the changes in the log and on {@code /admin/status}. */
    LOG,
    /** Keep the served snapshot; the attempt is a rejected reload naming the changes. */
    REFUSE;

    /** The config spelling: {@code log}, {@code refuse}. */
    public String spelling() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
