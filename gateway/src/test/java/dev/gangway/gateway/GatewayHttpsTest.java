package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.ServerTlsConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestCertificates;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.TlsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the public listener: PEM files, TLS 1.2/1.3 with modern ciphers only, HTTP/2 by ALPN,
 * certificate reload without dropping connections, client certificates (mTLS) forwarded as
 * metadata, and the {@code --tls-cert}/{@code --tls-key} flags. Certificates are made by keytool
 * at test time.
 */
class GatewayHttpsTest {
  @TempDir static Path dir;
  private static TestCertificates first;
  private static TestCertificates renewed;
  private static TestCertificates partner;

  @RegisterExtension final TestServers servers = new TestServers();

  @BeforeAll
  static void certificates() throws Exception {
    first = TestCertificates.selfSigned(dir, "first", "localhost");
    renewed = TestCertificates.selfSigned(dir, "renewed", "localhost");
    partner = TestCertificates.selfSigned(dir, "partner", "partner.example");
  }

  private GatewayServer gateway(ServerTlsConfig tls) throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayConfig config = TestConfigs.config(
        TestConfigs.local().tls(Optional.of(tls)).build(),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT);
    return servers.gateway(config);
  }

  private static URI uri(GatewayServer gateway, String path) {
    return URI.create("https://localhost:" + gateway.httpPort() + path);
  }

  private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHttpsWithHttp2ByAlpn() throws Exception {
    GatewayServer gateway = gateway(ServerTlsConfig.of(first.cert(), first.key()));
    HttpClient client = TlsClients.client(TlsClients.context(first, null));

    HttpResponse<String> response = get(client, uri(gateway, "/v1/echo/secure"));

    assertThat(gateway.tls()).isTrue();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("secure");
  }

  @Test
  void malformedHttp1OverTlsGetsTheSameStatusAnswers() throws Exception {
    // The connection guard sits on HTTP/1.1 connections that ALPN hands on, as on cleartext.
    GatewayServer gateway = gateway(ServerTlsConfig.of(first.cert(), first.key()));
    SSLContext context = TlsClients.context(first, null);
    for (String[] c : new String[][] {
        {"GET /v1/echo/a HTTP/9.9\r\nHost: x\r\n\r\n", "505"},
        {"POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nd\n{\"text\":\"hi\"}\r\n0\r\n\r\n", "400"}}) {
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
          .createSocket("127.0.0.1", gateway.httpPort())) {
        socket.setSoTimeout(20_000);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.getOutputStream().write(c[0].getBytes(StandardCharsets.ISO_8859_1));
        String answer =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

        assertThat(answer).startsWith("HTTP/1.1 " + c[1] + " ");
        assertThat(answer).contains("Content-Type: application/json");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).startsWith("{\"code\":");
      }
    }
  }

  @Test
  void refusesOldProtocolsAndWeakCiphers() throws Exception {
    GatewayServer gateway = gateway(ServerTlsConfig.of(first.cert(), first.key()));
    SSLContext context = TlsClients.context(first, null);

    // A CBC suite the JDK would negotiate by default: outside the gateway's list.
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket("127.0.0.1", gateway.httpPort())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
      assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
    }
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket("127.0.0.1", gateway.httpPort())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.startHandshake();
      assertThat(socket.getSession().getCipherSuite()).contains("_GCM_");
    }
  }

  @Test
  void reloadsARenewedCertificateWithoutDroppingOpenConnections() throws Exception {
    Path cert = Files.copy(first.cert(), dir.resolve("live.crt.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    Path key = Files.copy(first.key(), dir.resolve("live.key.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    GatewayServer gateway = gateway(new ServerTlsConfig(cert, key, Optional.empty(),
        ServerTlsConfig.ClientAuth.NONE, false, Duration.ofMillis(100)));
    Certificate firstCert = TlsClients.certificate(first.cert());
    Certificate renewedCert = TlsClients.certificate(renewed.cert());
    SSLContext trustsFirst = TlsClients.context(first, null);
    SSLContext trustsRenewed = TlsClients.context(renewed, null);

    try (SSLSocket open = (SSLSocket) trustsFirst.getSocketFactory()
        .createSocket("127.0.0.1", gateway.httpPort())) {
      open.startHandshake();
      assertThat(open.getSession().getPeerCertificates()[0]).isEqualTo(firstCert);

      Files.copy(renewed.key(), key, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(renewed.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
      Await.until("a new connection gets the renewed certificate", () -> {
        try (SSLSocket probe = (SSLSocket) trustsRenewed.getSocketFactory()
            .createSocket("127.0.0.1", gateway.httpPort())) {
          probe.startHandshake();
          return probe.getSession().getPeerCertificates()[0].equals(renewedCert);
        } catch (IOException e) {
          return false;
        }
      }, () -> "still the first certificate");

      // The connection opened before the renewal still serves requests.
      OutputStream out = open.getOutputStream();
      out.write(("GET /v1/echo/still-open HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = open.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("still-open");
    }
  }

  @Test
  void forwardsAVerifiedClientCertificateAndRefusesClientsWithout() throws Exception {
    GatewayServer gateway = gateway(new ServerTlsConfig(first.cert(), first.key(),
        Optional.of(partner.cert()), ServerTlsConfig.ClientAuth.REQUIRE, true,
        ServerTlsConfig.DEFAULT_RELOAD_INTERVAL));
    HttpClient withCertificate = TlsClients.client(TlsClients.context(first, partner));
    HttpClient without = TlsClients.client(TlsClients.context(first, null));

    HttpResponse<String> response = withCertificate.send(
        HttpRequest.newBuilder(uri(gateway, "/v1/headers"))
            .header("Grpc-Metadata-X-Client-Cert-Subject", "CN=spoofed")
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode received = Http.json(response.body()).get("received");
    assertThat(received.get("x-client-cert-subject").asText()).isEqualTo("CN=partner.example");
    assertThat(received.get("x-client-cert-san").asText()).isEqualTo("partner.example");
    assertThat(received.get("x-forwarded-proto").asText()).isEqualTo("https");
    assertThatThrownBy(() -> get(without, uri(gateway, "/v1/echo/anonymous")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void tlsFlagsMakeThePortServeHttps() throws Exception {
    Path file = Files.writeString(dir.resolve("flags.yaml"), String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2}",
        "admin: {port: -1}",
        "descriptors: {paths: ['" + TestConfigs.DESCRIPTORS.toAbsolutePath() + "'], watch: false}",
        ""));
    CliOverrides flags = new CliOverrides(Optional.empty(), Optional.empty(), List.of(),
        List.of("*=localhost:1"), Optional.empty(), Optional.of(first.cert()),
        Optional.of(first.key()));
    GatewayServer gateway = servers.own(GatewayServer.start(
        new ConfigLoader(Optional.of(file), flags, name -> null)));

    HttpResponse<String> response = get(TlsClients.client(TlsClients.context(first, null)),
        uri(gateway, "/v1/nothing-here"));

    assertThat(gateway.tls()).isTrue();
    assertThat(response.statusCode()).isEqualTo(404);
  }
}
