package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command-line flags that override the config file (flags > file > defaults).
 *
 * <p>Immutable. Values are checked when the configuration loads, with the same rules as the file;
 * problems name the flag ({@code --port: 70000 is out of range (0 to 65535)}).
 *
 * @param port {@code --port}: the HTTP port (0 = ephemeral)
 * @param bind {@code --bind}: the HTTP bind address
 * @param descriptors {@code --descriptors}: replaces {@code descriptors.paths} when not empty;
 *     relative paths resolve against the working directory
 * @param backends {@code --backend PATTERN=TARGET}, in order; each adds a backend {@code cli-<n>}
 *     (n from 1) that takes the pattern over from any backend of the file
 * @param adminPort {@code --admin-port}: the admin port (-1 = no admin listener)
 * @param tlsCert {@code --tls-cert}: PEM certificate chain; with {@code tlsKey}, the listener
 *     serves HTTPS ({@code server.tls.cert_file})
 * @param tlsKey {@code --tls-key}: PEM PKCS#8 key ({@code server.tls.key_file})
 */
public record CliOverrides(
    Optional<Integer> port,
    Optional<String> bind,
    List<Path> descriptors,
    List<String> backends,
    Optional<Integer> adminPort,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey) {

  /** No flags: the file (or the defaults) as it is. */
  public static final CliOverrides NONE =
      new CliOverrides(Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(),
          Optional.empty(), Optional.empty());

  /** The flags without TLS files. */
  public CliOverrides(Optional<Integer> port, Optional<String> bind, List<Path> descriptors,
      List<String> backends, Optional<Integer> adminPort) {
    this(port, bind, descriptors, backends, adminPort, Optional.empty(), Optional.empty());
  }

  public CliOverrides {
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(bind, "bind");
    descriptors = List.copyOf(descriptors);
    backends = List.copyOf(backends);
    Objects.requireNonNull(adminPort, "adminPort");
    Objects.requireNonNull(tlsCert, "tlsCert");
    Objects.requireNonNull(tlsKey, "tlsKey");
  }
}
