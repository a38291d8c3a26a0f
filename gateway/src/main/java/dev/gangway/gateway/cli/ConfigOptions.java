package dev.gangway.gateway.cli;

import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The flags shared by {@code gangway} and {@code gangway validate}: the config file and the quick
 * overrides that need no file. Inherited, so they may stand before or after {@code validate}.
 *
 * <p>Not thread-safe: picocli fills it while parsing; read it afterwards.
 */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "YAML config file (see docs/configuration.md). Relative paths in it resolve "
          + "against its directory.")
  Path config;

  @Option(names = "--port", paramLabel = "N", scope = ScopeType.INHERIT,
      description = "HTTP port; 0 picks a free one (overrides server.port; default 8080).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDR", scope = ScopeType.INHERIT,
      description = "HTTP bind address (overrides server.bind; default 0.0.0.0).")
  String bind;

  @Option(names = "--descriptors", paramLabel = "PATH", scope = ScopeType.INHERIT,
      description = "Descriptor set file or directory; repeatable; replaces descriptors.paths "
          + "(default descriptors/).")
  List<Path> descriptors = new ArrayList<>();

  @Option(names = "--backend", paramLabel = "PATTERN=TARGET", scope = ScopeType.INHERIT,
      description = "Adds a backend: PATTERN is pkg.Service, pkg.* or *; TARGET is host:port, "
          + "dns:///host:port, unix:///path or static:///h1:p1,h2:p2. Repeatable.")
  List<String> backends = new ArrayList<>();

  @Option(names = "--admin-port", paramLabel = "N", scope = ScopeType.INHERIT,
      description = "Admin port; 0 picks a free one, -1 disables the admin listener "
          + "(overrides admin.port; default 9090).")
  Integer adminPort;

  @Option(names = "--tls-cert", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "PEM certificate chain; with --tls-key, --port serves HTTPS "
          + "(overrides server.tls.cert_file).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "PEM PKCS#8 private key for --tls-cert (overrides server.tls.key_file).")
  Path tlsKey;

  CliOverrides overrides() {
    return new CliOverrides(Optional.ofNullable(port), Optional.ofNullable(bind), descriptors,
        backends, Optional.ofNullable(adminPort), Optional.ofNullable(tlsCert),
        Optional.ofNullable(tlsKey));
  }

  ConfigLoader loader(Function<String, String> env) {
    return new ConfigLoader(Optional.ofNullable(config), overrides(), env);
  }
}
