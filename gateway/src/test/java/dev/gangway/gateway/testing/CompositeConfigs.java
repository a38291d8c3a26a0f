package dev.gangway.gateway.testing;

import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gateway configurations with composite routes, written as YAML files and read by the real
 * {@link ConfigLoader}: one echo backend serving the test service, plus the given
 * {@code composites} section.
 */
public final class CompositeConfigs {
  private CompositeConfigs() {}

  /**
   * @param target the echo backend's {@code host:port}
   * @param composites the YAML of the {@code composites} list, without the key
   * @param admin whether to open the admin listener on an ephemeral port
   */
  public static ConfigLoader loader(Path dir, String target, String composites, boolean admin)
      throws IOException {
    Path file = dir.resolve("gangway.yaml");
    Files.writeString(file, String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2}",
        "admin: {bind: 127.0.0.1, port: " + (admin ? 0 : -1) + "}",
        "descriptors: {paths: ['" + TestConfigs.DESCRIPTORS.toAbsolutePath() + "'], watch: false}",
        "backends:",
        "  - {name: echo, services: [" + TestConfigs.ECHO_SERVICE + "], target: '" + target + "'}",
        "composites:",
        composites,
        ""));
    return new ConfigLoader(Optional.of(file), CliOverrides.NONE, name -> null);
  }

  public static GatewayConfig load(Path dir, String target, String composites)
      throws IOException, ConfigException {
    return loader(dir, target, composites, false).load();
  }
}
