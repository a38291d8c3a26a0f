package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deadlines: configured timeouts, the client's grpc-timeout, expiry and cancellation. Remaining
 * time is checked only against bounds far from what a slow machine could reach.
 */
class GatewayDeadlinesIT {
  private static final String HEADERS_METHOD = "gangway.gwtest.v1.EchoService.Headers";

  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;

  private Http gateway(Duration backendTimeout, Duration maxGrpcTimeout, RouteConfig... routes)
      throws Exception {
    echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.server(4 << 20, maxGrpcTimeout),
        List.of(TestConfigs.backend("echo", echo.target(), backendTimeout, ECHO_SERVICE)),
        List.of(routes),
        HeadersConfig.DEFAULT));
    return new Http(gateway.httpPort());
  }

  /** A gateway whose backend has a 30s timeout, with this {@code server.stream_timeout}. */
  private Http streamGateway(Duration streamTimeout, RouteConfig... routes) throws Exception {
    echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.serverWithStreamTimeout(streamTimeout),
        List.of(TestConfigs.backend("echo", echo.target(), Duration.ofSeconds(30), ECHO_SERVICE)),
        List.of(routes),
        HeadersConfig.DEFAULT));
    return new Http(gateway.httpPort());
  }

  private long countDeadlineMs(Http http, String tag, String... headers) {
    HttpResponse<String> response = http.get("/v1/count/1?tag=" + tag, headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return echo.service().counts.deadlineMs(tag);
  }

  private static long deadlineMs(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response.body()).get("deadlineMs").asLong();
  }

  @Test
  void backendTimeoutIsTheDefaultDeadline() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));

    assertThat(deadlineMs(http.get("/v1/headers"))).isBetween(10_000L, 30_000L);
  }

  @Test
  void routeTimeoutOverridesTheBackendTimeout() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60),
        new RouteConfig(HEADERS_METHOD, Duration.ofSeconds(5)));

    assertThat(deadlineMs(http.get("/v1/headers"))).isBetween(1L, 5_000L);
  }

  @Test
  void grpcTimeoutHeaderShortensTheDeadline() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));

    assertThat(deadlineMs(http.get("/v1/headers", "grpc-timeout", "2S"))).isBetween(1L, 2_000L);
  }

  @Test
  void grpcTimeoutHeaderCannotLengthenTheDeadline() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));

    assertThat(deadlineMs(http.get("/v1/headers", "grpc-timeout", "1H"))).isBetween(1L, 30_000L);
  }

  @Test
  void grpcTimeoutHeaderIsCappedByTheServerMaximum() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(8),
        new RouteConfig(HEADERS_METHOD, Duration.ofMinutes(10)));

    assertThat(deadlineMs(http.get("/v1/headers", "grpc-timeout", "1H"))).isBetween(1L, 8_000L);
    assertThat(deadlineMs(http.get("/v1/headers"))).isGreaterThan(60_000L);
  }

  @Test
  void malformedGrpcTimeoutIs400NamingTheHeader() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));

    HttpResponse<String> response = http.get("/v1/headers", "grpc-timeout", "soon");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").asText()).isEqualTo(
        "header grpc-timeout: \"soon\" is not a gRPC timeout (1 to 8 digits, then H, M, S, m, u or n)");
  }

  @Test
  void expiredDeadlineIs504AndCancelsTheBackendCall() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));
    // Connects the gateway's channel first: on a loaded machine the 300ms deadline can pass while
    // the lazy channel connects, before the call reaches the backend to be cancelled.
    assertThat(http.get("/v1/headers").statusCode()).isEqualTo(200);

    HttpResponse<String> response =
        http.post("/v1/slow", "{\"delayMs\":60000,\"tag\":\"late\"}", "grpc-timeout", "300m");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(4);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("deadline of 300ms exceeded calling gangway.gwtest.v1.EchoService/Slow");
    assertThat(echo.service().slowCancelled.poll(10, TimeUnit.SECONDS)).isEqualTo("late");
  }

  @Test
  void clientClosingTheConnectionCancelsTheBackendCall() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));
    byte[] body = "{\"delayMs\":60000,\"tag\":\"gone\"}".getBytes(StandardCharsets.UTF_8);
    try (RawHttp raw = new RawHttp(http.request("/").build().uri().getPort())) {
      raw.send(List.of(
          "POST /v1/slow HTTP/1.1",
          "Host: 127.0.0.1",
          "Content-Type: application/json",
          "Content-Length: " + body.length), body);
      assertThat(echo.service().slowStarted.poll(10, TimeUnit.SECONDS)).isEqualTo("gone");
    }

    assertThat(echo.service().slowCancelled.poll(10, TimeUnit.SECONDS)).isEqualTo("gone");
    assertThat(http.get("/v1/echo/after").statusCode()).isEqualTo(200);
  }

  @Test
  void requestPipelinedWhileTheBackendWorksIsServedAfterIt() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));
    byte[] body = "{\"delayMs\":200,\"tag\":\"first\"}".getBytes(StandardCharsets.UTF_8);
    try (RawHttp raw = new RawHttp(http.request("/").build().uri().getPort())) {
      raw.send(List.of(
          "POST /v1/slow HTTP/1.1",
          "Host: 127.0.0.1",
          "Content-Type: application/json",
          "Content-Length: " + body.length), body);
      assertThat(echo.service().slowStarted.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
      // Arrives while the gateway watches the connection for a disconnect.
      raw.send(List.of("GET /v1/echo/second HTTP/1.1", "Host: 127.0.0.1"), new byte[0]);

      RawHttp.Response first = raw.read();
      RawHttp.Response second = raw.read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(Http.json(first.body()).get("text").asText()).isEqualTo("first");
      assertThat(second.status()).isEqualTo(200);
      assertThat(Http.json(second.body()).get("text").asText()).isEqualTo("second");
    }
    assertThat(echo.service().slowCancelled).isEmpty();
  }

  @Test
  void keepAliveConnectionServesRequestAfterRequest() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));
    try (RawHttp raw = new RawHttp(http.request("/").build().uri().getPort())) {
      for (int i = 0; i < 3; i++) {
        raw.send(List.of("GET /v1/echo/k" + i + " HTTP/1.1", "Host: 127.0.0.1"), new byte[0]);
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(200);
        assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("k" + i);
      }
    }
  }

  @Test
  void serverStreamGetsTheStreamTimeoutRatherThanTheBackendTimeout() throws Exception {
    Http http = streamGateway(ServerConfig.DEFAULT.streamTimeout());

    assertThat(countDeadlineMs(http, "long")).isBetween(30 * 60_000L, 60 * 60_000L);
  }

  @Test
  void clientStreamGetsTheConfiguredStreamTimeout() throws Exception {
    Http http = streamGateway(Duration.ofMinutes(10));

    HttpResponse<String> response = http.post("/v1/sum", "{\"n\":1,\"tag\":\"up\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(echo.service().sums.deadlineMs("up")).isBetween(5 * 60_000L, 10 * 60_000L);
  }

  @Test
  void routeTimeoutOverridesTheStreamTimeout() throws Exception {
    Http http = streamGateway(Duration.ofMinutes(10),
        new RouteConfig("gangway.gwtest.v1.EchoService.Count", Duration.ofSeconds(5)));

    assertThat(countDeadlineMs(http, "routed")).isBetween(1L, 5_000L);
  }

  @Test
  void grpcTimeoutHeaderShortensTheStreamTimeout() throws Exception {
    Http http = streamGateway(Duration.ofMinutes(10));

    assertThat(countDeadlineMs(http, "short", "grpc-timeout", "2S")).isBetween(1L, 2_000L);
  }

  @Test
  void slowCallWithinTheDeadlineSucceeds() throws Exception {
    Http http = gateway(Duration.ofSeconds(30), Duration.ofSeconds(60));

    HttpResponse<String> response = http.post("/v1/slow", "{\"delayMs\":50,\"tag\":\"ok\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("ok");
  }
}
