package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Produces the current configuration: the YAML file (if any) with environment substitution, then
 * the CLI flags on top. Called at start and again by the reloader when the file changes.
 *
 * <p>Implementations are thread-safe.
 */
public interface ConfigSource {

  /** Reads and validates the configuration now. */
  GatewayConfig load() throws ConfigException;

  /** The config file to watch, if the configuration comes from one. */
  Optional<Path> file();
}
