package dev.gangway.gateway.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Serves a {@link TestIssuer}'s JWKS over HTTPS on 127.0.0.1 with a certificate made here by
 * keytool ({@link #caFile} is the file the gateway's {@code jwks_ca} trusts). Can be told to fail
 * (HTTP 503) to test serving stale keys.
 *
 * <p>Thread-safe.
 */
public final class JwksServer implements AutoCloseable {
  private static final String PASSWORD = "changeit";

  private final HttpsServer server;
  private final Path caFile;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicBoolean failing = new AtomicBoolean();

  private JwksServer(HttpsServer server, Path caFile) {
    this.server = server;
    this.caFile = caFile;
  }

  public static JwksServer start(TestIssuer issuer, Path dir) throws Exception {
    Path store = dir.resolve("jwks-server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(),
        "-genkeypair", "-alias", "jwks", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    Path ca = Files.writeString(dir.resolve("jwks-ca.pem"), "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getCertificate("jwks").getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    JwksServer jwks = new JwksServer(server, ca);
    server.createContext("/jwks", exchange -> {
      jwks.fetches.incrementAndGet();
      byte[] body = jwks.failing.get() ? "down".getBytes(StandardCharsets.UTF_8)
          : issuer.jwks().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(jwks.failing.get() ? 503 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return jwks;
  }

  public String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  public Path caFile() {
    return caFile;
  }

  public int fetches() {
    return fetches.get();
  }

  public void failing(boolean fail) {
    failing.set(fail);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
