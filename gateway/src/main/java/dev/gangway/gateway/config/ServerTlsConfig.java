package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on the public listener: {@code --port} serves HTTPS (TLS 1.2 and 1.3 only, modern AEAD
 * ciphers, HTTP/2 by ALPN) with a PEM certificate chain and key that are reloaded when the files
 * change, and optionally asks clients for certificates (mTLS).
 *
 * @param certFile PEM certificate chain, leaf first
 * @param keyFile PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC
 * @param clientCaFile PEM roots that client certificates must chain to; empty = no client
 *     certificates asked for
 * @param clientAuth whether a client certificate is asked for or required (default
 *     {@link ClientAuth#NONE}; another value needs {@code clientCaFile})
 * @param forwardClientCert whether a verified client certificate's subject and SANs go to
 *     backends as {@code x-client-cert-subject} and {@code x-client-cert-san} metadata
 * @param reloadInterval how often the files are checked for changes (default 10s)
 */
public record ServerTlsConfig(
    Path certFile,
    Path keyFile,
    Optional<Path> clientCaFile,
    ClientAuth clientAuth,
    boolean forwardClientCert,
    Duration reloadInterval) {

  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

  public ServerTlsConfig {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(clientCaFile, "clientCaFile");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
  }

  /** A certificate and key, no client certificates, default reload interval. */
  public static ServerTlsConfig of(Path certFile, Path keyFile) {
    return new ServerTlsConfig(certFile, keyFile, Optional.empty(), ClientAuth.NONE, false,
        DEFAULT_RELOAD_INTERVAL);
  }

  /** Whether clients are asked for a certificate. */
  public enum ClientAuth {
    /** No certificate asked for. */
    NONE("none"),
    /** Asked for; a client without one is served, one with an invalid one is refused. */
    OPTIONAL("optional"),
    /** A verified certificate is required to complete the handshake. */
    REQUIRE("require");

    private final String configName;

    ClientAuth(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }
}
