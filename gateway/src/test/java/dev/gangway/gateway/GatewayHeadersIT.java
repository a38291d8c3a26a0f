package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.AddressRange;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request headers to backend metadata and backend metadata back to response headers. */
class GatewayHeadersIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private Http http;
  private int port;

  @BeforeEach
  void start() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.server(),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)),
        List.of(),
        new HeadersConfig(Set.of("x-allowed", "x-hop"))));
    port = gateway.httpPort();
    http = new Http(port);
  }

  @Test
  void forwardsAuthorizationPrefixedMetadataTraceContextAndAllowlist() {
    HttpResponse<String> response = http.get("/v1/headers",
        "Authorization", "Bearer t0ken",
        "Grpc-Metadata-Tenant", "acme",
        "Grpc-Metadata-Blob-Bin", "AAEC/w==",
        "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "tracestate", "vendor=value",
        "X-Allowed", "yes",
        "X-Not-Allowed", "no");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode received = Http.json(response.body()).get("received");
    assertThat(received.get("authorization").asText()).isEqualTo("Bearer t0ken");
    assertThat(received.get("tenant").asText()).isEqualTo("acme");
    assertThat(received.get("blob-bin").asText()).isEqualTo("AAEC/w==");
    assertThat(received.get("traceparent").asText())
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(received.get("tracestate").asText()).isEqualTo("vendor=value");
    assertThat(received.get("x-allowed").asText()).isEqualTo("yes");
    assertThat(received.has("x-not-allowed")).isFalse();
    assertThat(received.has("grpc-metadata-tenant")).isFalse();
  }

  @Test
  void addsForwardedForAndForwardedHostIgnoringWhatAnUntrustedClientClaims() {
    JsonNode plain = Http.json(http.get("/v1/headers").body()).get("received");
    assertThat(plain.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
    assertThat(plain.get("x-forwarded-host").asText()).isEqualTo("127.0.0.1:" + port);
    assertThat(plain.get("x-forwarded-proto").asText()).isEqualTo("http");

    // F6: a client that is not a trusted proxy cannot choose the address backends see.
    JsonNode spoofed = Http.json(http.get("/v1/headers",
        "X-Forwarded-For", "203.0.113.7",
        "X-Forwarded-Host", "api.example.com",
        "X-Forwarded-Proto", "https",
        "X-Real-IP", "203.0.113.8",
        "Forwarded", "for=203.0.113.9",
        "Grpc-Metadata-X-Forwarded-For", "6.6.6.6",
        "Grpc-Metadata-X-Real-IP", "6.6.6.7",
        "Grpc-Metadata-Forwarded", "for=6.6.6.8").body()).get("received");
    assertThat(spoofed.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
    assertThat(spoofed.get("x-forwarded-host").asText()).isEqualTo("127.0.0.1:" + port);
    assertThat(spoofed.get("x-forwarded-proto").asText()).isEqualTo("http");
    assertThat(spoofed.has("x-real-ip")).isFalse();
    assertThat(spoofed.has("forwarded")).isFalse();
  }

  @Test
  void passesForwardingHeadersOnFromATrustedProxy() throws Exception {
    EchoBackend echo = servers.backend("echo2");
    GatewayServer behindProxy = servers.gateway(TestConfigs.config(
        TestConfigs.server().toBuilder()
            .trustedProxies(List.of(AddressRange.parse("127.0.0.0/8").orElseThrow())).build(),
        List.of(TestConfigs.backend("echo2", echo.target(), ECHO_SERVICE)),
        List.of(),
        HeadersConfig.DEFAULT));
    Http proxied = new Http(behindProxy.httpPort());

    JsonNode received = Http.json(proxied.get("/v1/headers",
        "X-Forwarded-For", "203.0.113.7",
        "X-Forwarded-Host", "api.example.com",
        "X-Forwarded-Proto", "https",
        "X-Real-IP", "203.0.113.7",
        "Forwarded", "for=203.0.113.7",
        "Grpc-Metadata-X-Forwarded-For", "6.6.6.6").body()).get("received");

    assertThat(received.get("x-forwarded-for").asText()).isEqualTo("203.0.113.7, 127.0.0.1");
    assertThat(received.get("x-forwarded-host").asText()).isEqualTo("api.example.com");
    assertThat(received.get("x-forwarded-proto").asText()).isEqualTo("https");
    assertThat(received.get("x-real-ip").asText()).isEqualTo("203.0.113.7");
    assertThat(received.get("forwarded").asText()).isEqualTo("for=203.0.113.7");
  }

  @Test
  void neverForwardsHopByHopOrReservedNames() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      RawHttp.Response response = raw.send(List.of(
          "GET /v1/headers HTTP/1.1",
          "Host: 127.0.0.1",
          "Connection: keep-alive, X-Hop",
          "X-Hop: listed in Connection, so hop-by-hop although allowlisted",
          "Keep-Alive: timeout=5",
          "TE: trailers",
          "Trailer: x-late",
          "Proxy-Authorization: Basic c2VjcmV0",
          "Grpc-Metadata-Grpc-Custom: reserved",
          "Grpc-Metadata-Content-Type: reserved",
          "Grpc-Metadata-User-Agent: reserved",
          "Grpc-Metadata-Keep-Alive: hop-by-hop",
          "X-Allowed: yes"), new byte[0]).read();

      assertThat(response.status()).isEqualTo(200);
      JsonNode received = Http.json(response.body()).get("received");
      assertThat(received.get("x-allowed").asText()).isEqualTo("yes");
      assertThat(received.has("x-hop")).isFalse();
      assertThat(received.has("keep-alive")).isFalse();
      assertThat(received.has("connection")).isFalse();
      assertThat(received.has("trailer")).isFalse();
      assertThat(received.has("proxy-authorization")).isFalse();
      assertThat(received.has("grpc-custom")).isFalse();
      assertThat(received.get("content-type").asText()).isEqualTo("application/grpc");
      assertThat(received.get("user-agent").asText()).startsWith("gangway grpc-java");
      assertThat(received.has("te")).isFalse();
    }
  }

  @Test
  void binaryMetadataThatIsNotBase64Is400() {
    HttpResponse<String> response = http.get("/v1/headers", "Grpc-Metadata-Blob-Bin", "not base64!");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("header Grpc-Metadata-Blob-Bin: binary (-bin) metadata must be base64");
  }

  @Test
  void returnsBackendHeadersAndTrailersAsGrpcMetadataHeaders() {
    HttpResponse<String> response = http.get("/v1/headers?echo=abc");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Grpc-Metadata-x-echo-header")).hasValue("header-abc");
    assertThat(response.headers().firstValue("Grpc-Metadata-x-echo-bin")).hasValue("AAEC/w==");
    assertThat(response.headers().firstValue("Grpc-Metadata-x-echo-trailer")).hasValue("trailer-abc");
    assertThat(response.headers().map().keySet())
        .noneMatch(name -> name.toLowerCase().startsWith("grpc-metadata-grpc-"))
        .noneMatch(name -> name.equalsIgnoreCase("grpc-metadata-content-type"));
  }

  @Test
  void errorResponsesCarryTheBackendTrailers() {
    HttpResponse<String> response = http.get("/v1/headers?echo=e&failCode=5");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Grpc-Metadata-x-echo-trailer")).hasValue("trailer-e");
    assertThat(Http.json(response.body()).get("message").asText()).isEqualTo("failed as asked");
  }
}
