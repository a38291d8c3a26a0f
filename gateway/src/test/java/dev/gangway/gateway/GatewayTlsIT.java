package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestCertificates;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS to backends, with certificates made by keytool at test time. */
class GatewayTlsIT {
  @TempDir static Path dir;
  private static TestCertificates server;
  private static TestCertificates client;
  private static TestCertificates stranger;

  @RegisterExtension final TestServers servers = new TestServers();

  @BeforeAll
  static void certificates() throws Exception {
    server = TestCertificates.selfSigned(dir, "server", "echo.test");
    client = TestCertificates.selfSigned(dir, "client", "gateway.test");
    stranger = TestCertificates.selfSigned(dir, "stranger", "echo.test");
  }

  private HttpResponse<String> echoThrough(EchoBackend backend, BackendConfig.TlsConfig tls)
      throws Exception {
    BackendConfig config = new BackendConfig("secure", List.of(ECHO_SERVICE), backend.target(),
        Optional.of(tls), Duration.ofSeconds(10), 4 << 20, BackendConfig.LoadBalancing.PICK_FIRST,
        Optional.empty());
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.server(), List.of(config), List.of(), HeadersConfig.DEFAULT));
    return new Http(gateway.httpPort()).get("/v1/echo/secret");
  }

  @Test
  void tlsBackendIsCalledWithTheConfiguredCaAndAuthority() throws Exception {
    EchoBackend backend = servers.backend("tls",
        TlsServerCredentials.create(server.cert().toFile(), server.key().toFile()));

    HttpResponse<String> response = echoThrough(backend, new BackendConfig.TlsConfig(
        Optional.of(server.cert()), Optional.empty(), Optional.empty(), Optional.of("echo.test")));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("secret");
  }

  @Test
  void untrustedBackendCertificateIsUnavailable() throws Exception {
    EchoBackend backend = servers.backend("tls",
        TlsServerCredentials.create(stranger.cert().toFile(), stranger.key().toFile()));

    HttpResponse<String> response = echoThrough(backend, new BackendConfig.TlsConfig(
        Optional.of(server.cert()), Optional.empty(), Optional.empty(), Optional.of("echo.test")));

    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void mutualTlsBackendAcceptsTheClientCertificate() throws Exception {
    EchoBackend backend = servers.backend("mtls", mutual());

    HttpResponse<String> response = echoThrough(backend, new BackendConfig.TlsConfig(
        Optional.of(server.cert()), Optional.of(client.cert()), Optional.of(client.key()),
        Optional.of("echo.test")));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void mutualTlsBackendRefusesAGatewayWithoutClientCertificate() throws Exception {
    EchoBackend backend = servers.backend("mtls", mutual());

    HttpResponse<String> response = echoThrough(backend, new BackendConfig.TlsConfig(
        Optional.of(server.cert()), Optional.empty(), Optional.empty(), Optional.of("echo.test")));

    assertThat(response.statusCode()).isEqualTo(503);
  }

  private static ServerCredentials mutual() throws Exception {
    return TlsServerCredentials.newBuilder()
        .keyManager(server.cert().toFile(), server.key().toFile())
        .trustManager(client.cert().toFile())
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
        .build();
  }
}
