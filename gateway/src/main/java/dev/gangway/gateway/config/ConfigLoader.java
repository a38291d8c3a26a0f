package dev.gangway.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The production {@link ConfigSource}: the YAML file (if any) with environment substitution,
 * checked strictly, then the command-line flags on top.
 *
 * <p>Immutable and thread-safe; each {@link #load()} reads the file again, so the reloader can call
 * it whenever the file changes. Every problem is a {@link ConfigException} naming the file and the
 * key ({@code gangway.yaml: backends[0].timeout: "5 seconds" is not a duration (...)}) or the flag.
 *
 * <pre>{@code
 * ConfigSource source = new ConfigLoader(Optional.of(Path.of("gangway.yaml")),
 *     CliOverrides.NONE, System::getenv);
 * GatewayConfig config = source.load();
 * }</pre>
 */
public final class ConfigLoader implements ConfigSource {
  private final Optional<Path> file;
  private final CliOverrides overrides;
  private final Function<String, String> env;

  /**
   * @param file the YAML file; empty to start from the defaults
   * @param overrides the flags, applied over the file
   * @param env environment lookup for {@code ${VAR}}; returns null for an unset variable
   *     ({@code System::getenv} in production)
   */
  public ConfigLoader(Optional<Path> file, CliOverrides overrides, Function<String, String> env) {
    this.file = Objects.requireNonNull(file, "file");
    this.overrides = Objects.requireNonNull(overrides, "overrides");
    this.env = Objects.requireNonNull(env, "env");
  }

  @Override
  public GatewayConfig load() throws ConfigException {
    GatewayConfig base = GatewayConfig.DEFAULT;
    if (file.isPresent()) {
      Path path = file.get();
      JsonNode root = ConfigFileReader.read(path);
      // Relative paths in the file mean "next to the file", wherever the gateway was started.
      Path dir = path.toAbsolutePath().getParent();
      base = ConfigReader.read(ConfigNode.root(path.toString(), root, env), dir);
    }
    return OverrideApplier.apply(base, overrides);
  }

  @Override
  public Optional<Path> file() {
    return file;
  }

  public CliOverrides overrides() {
    return overrides;
  }
}
