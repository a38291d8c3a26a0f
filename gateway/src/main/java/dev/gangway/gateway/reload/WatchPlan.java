package dev.gangway.gateway.reload;

import dev.gangway.gateway.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@link Reloader} watches for one configuration: the descriptor paths it names, the
 * config file, whether to watch at all and how often to poll.
 *
 * <p>Immutable. Paths are absolute and normalized, so two plans naming the same files are equal.
 *
 * @param descriptorPaths descriptor files and directories, in configuration order
 * @param configFile the configuration file, if the configuration comes from one
 * @param watch whether changes are picked up at all ({@code descriptors.watch})
 * @param pollInterval how often checksums are compared ({@code descriptors.pollInterval})
 */
record WatchPlan(
    List<Path> descriptorPaths, Optional<Path> configFile, boolean watch, Duration pollInterval) {

  WatchPlan {
    descriptorPaths = List.copyOf(descriptorPaths);
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  static WatchPlan of(GatewayConfig config, Optional<Path> configFile) {
    List<Path> paths = new ArrayList<>();
    for (Path p : config.descriptors().paths()) {
      paths.add(absolute(p));
    }
    return new WatchPlan(paths, configFile.map(WatchPlan::absolute),
        config.descriptors().watch(), config.descriptors().pollInterval());
  }

  /**
   * The directories to register for file events, decided now: a directory path itself
   * (non-recursive, as the loader reads it), and for a file (or a path that does not exist yet)
   * its parent, since editors and {@code mv} replace files rather than write them in place.
   */
  Set<Path> directories() {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : descriptorPaths) {
      addDirectoryOf(p, dirs);
    }
    configFile.ifPresent(f -> addDirectoryOf(f, dirs));
    return dirs;
  }

  private static void addDirectoryOf(Path path, Set<Path> dirs) {
    if (Files.isDirectory(path)) {
      dirs.add(path);
    } else if (path.getParent() != null) {
      dirs.add(path.getParent());
    }
  }

  private static Path absolute(Path p) {
    return p.toAbsolutePath().normalize();
  }
}
