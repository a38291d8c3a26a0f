package dev.gangway.gateway.testing;

import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gateway configurations with {@code auth}, {@code access} and {@code rate_limits} sections,
 * written as YAML files and read by the real {@link ConfigLoader}: one echo backend serving the
 * test service, an admin listener on an ephemeral port, plus the given YAML.
 */
public final class AccessConfigs {
  private AccessConfigs() {}

  /** Writes {@code dir/gangway.yaml} and returns it. */
  public static Path write(Path dir, String target, String... yaml) throws IOException {
    return withServerKeys(dir, target, "", yaml);
  }

  /**
   * Like {@link #write}, with more {@code server} keys in YAML flow style (for example
   * {@code "trusted_proxies: [127.0.0.0/8]"}).
   */
  public static Path withServerKeys(Path dir, String target, String serverKeys, String... yaml)
      throws IOException {
    Path file = dir.resolve("gangway.yaml");
    Files.writeString(file, String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2"
            + (serverKeys.isEmpty() ? "" : ", " + serverKeys) + "}",
        "admin: {bind: 127.0.0.1, port: 0}",
        "descriptors: {paths: ['" + TestConfigs.DESCRIPTORS.toAbsolutePath() + "'], watch: false}",
        "backends:",
        "  - {name: echo, services: [" + TestConfigs.ECHO_SERVICE + "], target: '" + target + "'}",
        String.join("\n", yaml),
        ""));
    return file;
  }

  public static ConfigSource source(Path file) {
    return new ConfigLoader(Optional.of(file), CliOverrides.NONE, name -> null);
  }
}
