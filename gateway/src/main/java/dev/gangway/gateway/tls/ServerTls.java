package dev.gangway.gateway.tls;

import dev.gangway.gateway.config.ServerTlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.SslClientAuthMode;

/**
 * The public listener's TLS: an {@link SSLContext} whose certificate and key come from PEM files
 * and are reloaded when the files change (checked every {@code reload_interval}; a pair that does
 * not load keeps the old one and logs a warning), TLS 1.2 and 1.3 only, AEAD ciphers with forward
 * secrecy (Mozilla's "intermediate" list), and optionally client certificates checked against
 * {@code client_ca_file}.
 *
 * <p>Thread-safe. Owned by {@link dev.gangway.gateway.GatewayServer}; {@link #close} stops the
 * file checks.
 */
public final class ServerTls implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);
  private static final String ALIAS = "gangway";
  private static final char[] NO_PASSWORD = new char[0];
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  /** Mozilla "intermediate" (v5.7): TLS 1.3 suites, then ECDHE with AES-GCM or ChaCha20. */
  static final List<String> CIPHERS = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private final ServerTlsConfig config;
  private final SSLContext context;
  private final ReloadingKeyManager keys;
  private final List<String> ciphers;
  private final ScheduledExecutorService watcher;
  private volatile FileStamp loaded;

  private ServerTls(ServerTlsConfig config, SSLContext context, ReloadingKeyManager keys,
      List<String> ciphers, FileStamp loaded) {
    this.config = config;
    this.context = context;
    this.keys = keys;
    this.ciphers = ciphers;
    this.loaded = loaded;
    this.watcher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "gangway-tls-reload");
      thread.setDaemon(true);
      return thread;
    });
    long every = Math.max(1, config.reloadInterval().toMillis());
    watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Loads the certificate, key and client roots and starts watching the files.
   *
   * @throws IOException naming the file that cannot be read or used
   */
  public static ServerTls start(ServerTlsConfig config) throws IOException {
    Objects.requireNonNull(config, "config");
    FileStamp stamp = FileStamp.of(config);
    ReloadingKeyManager keys = new ReloadingKeyManager(keyManager(config));
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, trustManagers(config), null);
      Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
      List<String> ciphers = new ArrayList<>();
      CIPHERS.stream().filter(supported::contains).forEach(ciphers::add);
      return new ServerTls(config, context, keys, List.copyOf(ciphers), stamp);
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS setup failed: " + e.getMessage(), e);
    }
  }

  /** The context the HTTPS listener uses. */
  public SSLContext context() {
    return context;
  }

  /** The XNIO options that hold the protocol, cipher and client-certificate policy. */
  public OptionMap listenerOptions() {
    SslClientAuthMode mode = switch (config.clientAuth()) {
      case NONE -> SslClientAuthMode.NOT_REQUESTED;
      case OPTIONAL -> SslClientAuthMode.REQUESTED;
      case REQUIRE -> SslClientAuthMode.REQUIRED;
    };
    return OptionMap.builder()
        .set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(PROTOCOLS))
        .set(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(ciphers))
        .set(Options.SSL_CLIENT_AUTH_MODE, mode)
        .getMap();
  }

  /** Reloads now when the files changed since the last load; for tests and the watcher. */
  void reloadIfChanged() {
    try {
      FileStamp now = FileStamp.of(config);
      if (now.equals(loaded)) {
        return;
      }
      keys.swap(keyManager(config));
      loaded = now;
      log.info("TLS certificate reloaded from {}", config.certFile());
    } catch (IOException | RuntimeException e) {
      log.warn("TLS certificate not reloaded, the previous one keeps serving: {}", e.getMessage());
    }
  }

  private static X509ExtendedKeyManager keyManager(ServerTlsConfig config) throws IOException {
    List<X509Certificate> chain = PemFiles.certificates(config.certFile());
    PrivateKey key = PemFiles.privateKey(config.keyFile());
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, NO_PASSWORD);
      return (X509ExtendedKeyManager) Arrays.stream(factory.getKeyManagers())
          .filter(m -> m instanceof X509ExtendedKeyManager)
          .findFirst()
          .orElseThrow(() -> new IOException("no X.509 key manager in this JVM"));
    } catch (GeneralSecurityException e) {
      throw new IOException(config.certFile() + " and " + config.keyFile()
          + " do not make a certificate and key: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(ServerTlsConfig config) throws IOException {
    if (config.clientCaFile().isEmpty()) {
      return null;
    }
    Path file = config.clientCaFile().get();
    List<X509Certificate> roots = PemFiles.certificates(file);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < roots.size(); i++) {
        store.setCertificateEntry("client-ca-" + i, roots.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not usable as client certificate roots: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }

  /** A digest of the certificate and key files' bytes: what a renewal changes. */
  private record FileStamp(String digest) {
    static FileStamp of(ServerTlsConfig config) throws IOException {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(config.certFile()));
        sha.update(Files.readAllBytes(config.keyFile()));
        return new FileStamp(HexFormat.of().formatHex(sha.digest()));
      } catch (GeneralSecurityException e) {
        throw new IOException("SHA-256 unavailable", e);
      }
    }
  }
}
