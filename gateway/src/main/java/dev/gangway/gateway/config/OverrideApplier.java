package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the command-line flags on top of the file's configuration, checking each flag with the
 * file's rules.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class OverrideApplier {
  static final String BACKEND_PREFIX = "cli-";

  private OverrideApplier() {}

  static GatewayConfig apply(GatewayConfig config, CliOverrides flags) throws ConfigException {
    return config.toBuilder()
        .server(server(config.server(), flags))
        .admin(admin(config.admin(), flags))
        .descriptors(descriptors(config.descriptors(), flags))
        .backends(backends(config.backends(), flags.backends()))
        .build();
  }

  private static ServerConfig server(ServerConfig s, CliOverrides flags) throws ConfigException {
    int port = s.port();
    if (flags.port().isPresent()) {
      port = ConfigNode.flag("--port", flags.port().get().toString())
          .integer(0, ConfigReader.MAX_PORT).orElseThrow();
    }
    String bind = s.bind();
    if (flags.bind().isPresent()) {
      bind = ConfigReader.bind(ConfigNode.flag("--bind", flags.bind().get())).orElseThrow();
    }
    return s.toBuilder().bind(bind).port(port).tls(tls(s.tls(), flags)).build();
  }

  /** {@code --tls-cert} and {@code --tls-key} together replace the file's certificate and key. */
  private static Optional<ServerTlsConfig> tls(Optional<ServerTlsConfig> file, CliOverrides flags)
      throws ConfigException {
    if (flags.tlsCert().isEmpty() && flags.tlsKey().isEmpty()) {
      return file;
    }
    if (flags.tlsCert().isEmpty() || flags.tlsKey().isEmpty()) {
      String given = flags.tlsCert().isPresent() ? "--tls-cert" : "--tls-key";
      throw new ConfigException(given + ": --tls-cert and --tls-key go together");
    }
    Path cert = flags.tlsCert().get().toAbsolutePath();
    Path key = flags.tlsKey().get().toAbsolutePath();
    return Optional.of(file
        .map(t -> new ServerTlsConfig(cert, key, t.clientCaFile(), t.clientAuth(),
            t.forwardClientCert(), t.reloadInterval()))
        .orElse(ServerTlsConfig.of(cert, key)));
  }

  private static AdminConfig admin(AdminConfig a, CliOverrides flags) throws ConfigException {
    if (flags.adminPort().isEmpty()) {
      return a;
    }
    int port = ConfigNode.flag("--admin-port", flags.adminPort().get().toString())
        .integer(-1, ConfigReader.MAX_PORT).orElseThrow();
    return new AdminConfig(a.bind(), port);
  }

  /**
   * {@code --descriptors} replaces the file's paths. Paths left relative (flags, or the default
   * {@code descriptors/} when the file names none) resolve against the working directory now, so
   * that every path in the result is absolute and logs and problems show where they point.
   */
  private static DescriptorsConfig descriptors(DescriptorsConfig d, CliOverrides flags) {
    List<Path> paths = new ArrayList<>();
    for (Path path : flags.descriptors().isEmpty() ? d.paths() : flags.descriptors()) {
      paths.add(path.toAbsolutePath().normalize());
    }
    return new DescriptorsConfig(paths, d.watch(), d.pollInterval(), d.breakingChanges());
  }

  /**
   * Adds a backend {@code cli-<n>} per {@code --backend PATTERN=TARGET}. A flag's pattern is taken
   * away from the file's backend that had it, so the flag overrides instead of conflicting.
   */
  static List<BackendConfig> backends(List<BackendConfig> fromFile, List<String> flags)
      throws ConfigException {
    List<BackendConfig> added = new ArrayList<>();
    Set<String> claimed = new HashSet<>();
    for (String flag : flags) {
      ConfigNode node = ConfigNode.flag("--backend", flag);
      int eq = flag.indexOf('=');
      if (eq < 0) {
        throw node.error(ConfigNode.quote(flag)
            + " is not PATTERN=TARGET (e.g. \"pkg.*=localhost:50051\")");
      }
      String pattern = BackendReader.pattern(ConfigNode.flag("--backend", flag.substring(0, eq)));
      String target = flag.substring(eq + 1);
      Optional<String> problem = Targets.problem(target);
      if (problem.isPresent()) {
        throw node.error("target " + problem.get());
      }
      if (!claimed.add(pattern)) {
        throw node.error(ConfigNode.quote(pattern) + " is given twice");
      }
      added.add(BackendConfig.of(BACKEND_PREFIX + (added.size() + 1), List.of(pattern), target));
    }
    Set<String> addedNames = new HashSet<>();
    added.forEach(b -> addedNames.add(b.name()));
    List<BackendConfig> result = new ArrayList<>();
    for (BackendConfig backend : fromFile) {
      if (addedNames.contains(backend.name())) {
        throw new ConfigException("--backend: the config file already has a backend named "
            + ConfigNode.quote(backend.name()) + " (names " + BACKEND_PREFIX
            + "<n> are for --backend)");
      }
      result.add(withoutPatterns(backend, claimed));
    }
    result.addAll(added);
    return result;
  }

  private static BackendConfig withoutPatterns(BackendConfig backend, Set<String> claimed) {
    Set<String> kept = new LinkedHashSet<>(backend.services());
    if (!kept.removeAll(claimed)) {
      return backend;
    }
    return new BackendConfig(backend.name(), List.copyOf(kept), backend.target(), backend.tls(),
        backend.timeout(), backend.maxMessageBytes(), backend.loadBalancing(),
        backend.keepalive(), backend.reflection());
  }
}
