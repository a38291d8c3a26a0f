package dev.gangway.gateway.auth;

import dev.gangway.gateway.config.AuthConfig.JwksConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JWKS URL sources of a running gateway, shared across snapshots (a reload that keeps a URL
 * keeps its keys and schedule) and closed when no snapshot names them.
 *
 * <p>Thread-safe (synchronized); used by snapshot builds and the reloader, never on the request
 * path.
 */
public final class JwksRegistry implements AutoCloseable {
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Map<JwksConfig, UrlJwks> sources = new HashMap<>();

  public JwksRegistry() {
    this(Clock.systemUTC());
  }

  JwksRegistry(Clock clock) {
    this.clock = clock;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "gangway-jwks");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The source for a URL config, started (first fetch under way) when new. */
  synchronized JwksSource url(JwksConfig config) throws AccessSetupException {
    UrlJwks source = sources.get(config);
    if (source == null) {
      source = new UrlJwks(config.url().orElseThrow(), client(config.ca()),
          config.refresh(), config.minRefresh(), config.timeout(), scheduler, clock);
      sources.put(config, source);
    }
    return source;
  }

  /** Closes the sources whose config is not in {@code kept}; called after a snapshot swap. */
  public synchronized void retainOnly(Set<JwksConfig> kept) {
    List<JwksConfig> gone = new ArrayList<>();
    sources.forEach((config, source) -> {
      if (!kept.contains(config)) {
        gone.add(config);
      }
    });
    for (JwksConfig config : gone) {
      sources.remove(config).close();
    }
  }

  private static HttpClient client(Optional<Path> ca) throws AccessSetupException {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(JwksConfig.DEFAULT_TIMEOUT);
    if (ca.isPresent()) {
      builder.sslContext(trusting(ca.get()));
    }
    return builder.build();
  }

  /** A TLS context trusting exactly the CA certificates in a PEM file. */
  private static SSLContext trusting(Path ca) throws AccessSetupException {
    try (InputStream in = Files.newInputStream(ca)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca" + i++, cert);
      }
      if (i == 0) {
        throw new AccessSetupException("jwks_ca " + ca + " holds no certificate");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new AccessSetupException("cannot read jwks_ca " + ca + ": " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    sources.values().forEach(UrlJwks::close);
    sources.clear();
    scheduler.shutdownNow();
  }
}
