package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestCertificates;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.TlsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates as identity over real mTLS: the gateway's own TLS front end asks for a
 * certificate ({@code server.tls.client_auth: optional}) and verifies it against
 * {@code client_ca_file}; a {@code client_certificates} provider maps the verified certificate's
 * subject or SAN to a consumer. Certificates are made once per class by keytool; every refusal is
 * checked to have reached no backend.
 */
class GatewayClientCertAuthIT {
  @TempDir static Path dir;
  private static TestCertificates server;
  private static TestCertificates acme;
  private static TestCertificates zeta;
  private static TestCertificates stranger;
  private static Path clientRoots;

  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private int port;

  @BeforeAll
  static void certificates() throws Exception {
    server = TestCertificates.selfSigned(dir, "server", "localhost");
    acme = TestCertificates.selfSigned(dir, "acme", "CN=acme-billing,O=Acme Corp",
        "dns:acme.example");
    zeta = TestCertificates.selfSigned(dir, "zeta", "CN=zeta-client", "dns:billing.zeta.example");
    stranger = TestCertificates.selfSigned(dir, "stranger", "CN=stranger",
        "dns:stranger.example");
    // All three verify (each is its own root); only acme and zeta are consumers.
    clientRoots = Files.writeString(dir.resolve("client-roots.pem"), Files.readString(acme.cert())
        + Files.readString(zeta.cert()) + Files.readString(stranger.cert()));
  }

  @BeforeEach
  void start(@TempDir Path config) throws Exception {
    echo = servers.backend("echo");
    port = servers.own(GatewayServer.start(AccessConfigs.source(AccessConfigs.withServerKeys(
        config, echo.target(),
        "tls: {cert_file: '" + server.cert() + "', key_file: '" + server.key() + "',"
            + " client_ca_file: '" + clientRoots + "', client_auth: optional}",
        "auth:",
        "  providers:",
        "    - name: partner-certs",
        "      client_certificates:",
        "        consumers:",
        "          - {consumer: acme, subject: 'cn=acme-billing, o=Acme Corp'}",
        "          - {consumer: zeta, san: billing.zeta.example}",
        "access:",
        "  default:",
        "    require: {provider: partner-certs}",
        "  routes:",
        "    - match: [gangway.gwtest.v1.EchoService.Echo]",
        "      require: public")))).httpPort();
  }

  private HttpResponse<String> get(TestCertificates identity, String path, String... headers)
      throws Exception {
    HttpClient client = TlsClients.client(TlsClients.context(server, identity));
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("https://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCertificateListedBySubjectIsItsConsumerAndReachesTheBackendAsIdentity() throws Exception {
    HttpResponse<String> response = get(acme, "/v1/headers",
        "x-gangway-consumer", "mallory", "Grpc-Metadata-X-Gangway-Subject", "CN=mallory");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    JsonNode received = Http.json(response.body()).get("received");
    assertThat(received.get("x-gangway-consumer").asText()).isEqualTo("acme");
    assertThat(received.get("x-gangway-subject").asText()).isEqualTo("CN=acme-billing,O=Acme Corp");
    assertThat(received.get("x-gangway-provider").asText()).isEqualTo("partner-certs");
  }

  @Test
  void aCertificateListedBySubjectAlternativeNameIsItsConsumer() throws Exception {
    HttpResponse<String> response = get(zeta, "/v1/headers");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode received = Http.json(response.body()).get("received");
    assertThat(received.get("x-gangway-consumer").asText()).isEqualTo("zeta");
    assertThat(received.get("x-gangway-subject").asText()).isEqualTo("CN=zeta-client");
  }

  @Test
  void aVerifiedCertificateThatNamesNoConsumerIsRefusedBeforeTheBackend() throws Exception {
    HttpResponse<String> response = get(stranger, "/v1/headers");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("unauthenticated: provider partner-certs: client certificate CN=stranger is"
            + " not a known consumer");
    assertThat(echo.calls()).isZero();
  }

  @Test
  void noCertificateIsRefusedWhereOneIsRequiredAndServedWhereTheRouteIsPublic() throws Exception {
    HttpResponse<String> refused = get(null, "/v1/headers");
    HttpResponse<String> open = get(null, "/v1/echo/hi");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    assertThat(Http.json(refused.body()).get("message").asText())
        .isEqualTo("unauthenticated: provider partner-certs: no credentials (connect with a"
            + " client certificate (mTLS))");
    assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
    assertThat(echo.calls()).as("only the public call").isEqualTo(1);
  }
}
