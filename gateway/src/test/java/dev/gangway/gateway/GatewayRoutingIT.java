package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests through a real gateway to a real backend: routes, bad input, backend errors. */
class GatewayRoutingIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private Http http;
  private int port;

  @BeforeEach
  void start() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)));
    port = gateway.httpPort();
    http = new Http(port);
  }

  @Test
  void servesGetRouteWithPathVariable() {
    HttpResponse<String> response = http.get("/v1/echo/hello%20there");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Http.json(response.body()))
        .isEqualTo(Http.json("{\"text\":\"hello there\",\"server\":\"echo\"}"));
  }

  @Test
  void servesPostRouteWithJsonBody() {
    HttpResponse<String> response = http.post("/v1/echo", "{\"text\":\"posted\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("posted");
  }

  @Test
  void literalsAfterDeepWildcardAreServed() {
    HttpResponse<String> response = http.get("/v1/deep/a/b%20c/tail");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("a/b c");
  }

  @Test
  void aPathOf64000SegmentsIsAnsweredNormally() throws Exception {
    EchoBackend echo = servers.backend("echo-long");
    // Limits raised so the 128 KB request line reaches the matcher (defaults: 414 at 8 KiB).
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.local().maxHeaderBytes(1 << 20).build(),
        List.of(TestConfigs.backend("echo-long", echo.target(), ECHO_SERVICE)),
        List.of(), HeadersConfig.DEFAULT).toBuilder()
        .limits(dev.gangway.gateway.config.LimitsConfig.DEFAULT.toBuilder()
            .maxUrlBytes(1 << 20).build())
        .build());
    Http longPaths = new Http(gateway.httpPort());
    String segments = "/s".repeat(64_000);

    HttpResponse<String> deep = longPaths.get("/v1/deep" + segments + "/tail");
    HttpResponse<String> missing = longPaths.get("/v1/nowhere" + segments);

    assertThat(deep.statusCode()).isEqualTo(200);
    assertThat(Http.json(deep.body()).get("text").asText())
        .isEqualTo(segments.substring(1));
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void unknownPathIsNotFound() {
    HttpResponse<String> response = http.get("/v1/nothing/here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertStatus(response, 5, "no route for GET /v1/nothing/here");
  }

  @Test
  void knownPathUnderAnotherMethodIsMethodNotAllowedWithSortedAllow() {
    HttpResponse<String> response = http.send(http.request("/v1/echo/x").DELETE().build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, PUT");
    assertStatus(response, 12, "method DELETE not allowed for /v1/echo/x; allowed: GET, PUT");
  }

  @Test
  void bidiStreamingMethodOverPlainHttpPointsToWebSocket() {
    HttpResponse<String> response = http.post("/v1/chat/lobby", "{\"text\":\"hi\"}");

    assertThat(response.statusCode()).isEqualTo(501);
    assertStatus(response, 12, "bidirectional streaming methods are served over WebSocket only:"
        + " open a WebSocket (GET with Upgrade: websocket) on the same path:"
        + " gangway.gwtest.v1.EchoService/Chat");
  }

  @Test
  void serviceWithoutBackendIsUnavailable() {
    HttpResponse<String> response = http.get("/v1/orphan/x");

    assertThat(response.statusCode()).isEqualTo(503);
    assertStatus(response, 14,
        "no backend serves gangway.gwtest.v1.OrphanService (calling gangway.gwtest.v1.OrphanService/Ping)");
  }

  @Test
  void unsupportedContentTypeIs415() {
    HttpResponse<String> response = http.send(http.request("/v1/echo")
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("hello"))
        .build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(3);
    assertThat(Http.json(response.body()).get("message").asText()).contains("text/plain");
  }

  @Test
  void malformedJsonIs400NamingTheProblem() {
    HttpResponse<String> response = http.post("/v1/echo", "{\"text\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(3);
    assertThat(Http.json(response.body()).get("message").asText()).startsWith("body");
  }

  @Test
  void unknownJsonFieldIs400NamingTheField() {
    HttpResponse<String> response = http.post("/v1/echo", "{\"colour\": \"red\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").asText())
        .contains("colour").contains("gangway.gwtest.v1.EchoRequest");
  }

  @Test
  void contentLengthOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      RawHttp.Response response = raw.send(List.of(
          "POST /v1/echo HTTP/1.1",
          "Host: 127.0.0.1",
          "Content-Type: application/json",
          "Content-Length: " + ((4 << 20) + 1)), new byte[0]).read();

      assertThat(response.status()).isEqualTo(413);
      assertThat(response.header("Connection")).hasValue("close");
      assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(8);
      assertThat(Http.json(response.body()).get("message").asText())
          .isEqualTo("request body larger than 4194304 bytes");
    }
  }

  @Test
  void chunkedBodyGrowingOverTheLimitIs413() throws Exception {
    GatewayServer small = servers.gateway(TestConfigs.config(
        TestConfigs.server(1024, Duration.ofSeconds(60)),
        List.of(TestConfigs.backend("echo", "127.0.0.1:1", ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT));
    String json = "{\"text\":\"" + "a".repeat(3000) + "\"}";
    try (RawHttp raw = new RawHttp(small.httpPort())) {
      RawHttp.Response response = raw.send(List.of(
              "POST /v1/echo HTTP/1.1",
              "Host: 127.0.0.1",
              "Content-Type: application/json",
              "Transfer-Encoding: chunked"),
          (Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII)).read();

      assertThat(response.status()).isEqualTo(413);
      assertThat(Http.json(response.body()).get("message").asText())
          .isEqualTo("request body larger than 1024 bytes");
    }
  }

  @Test
  void chunkedBodyUnderTheLimitIsServed() throws Exception {
    String json = "{\"text\":\"chunked\"}";
    try (RawHttp raw = new RawHttp(port)) {
      RawHttp.Response response = raw.send(List.of(
              "POST /v1/echo HTTP/1.1",
              "Host: 127.0.0.1",
              "Content-Type: application/json",
              "Transfer-Encoding: chunked"),
          (Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII)).read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("chunked");
    }
  }

  @Test
  void chunkedBodyOverUndertowsOwnDefaultLimitIsServedUpToTheConfiguredOne() throws Exception {
    String text = "c".repeat(3 << 20); // over Undertow's 2 MiB default, under the 4 MiB limit
    String json = "{\"text\":\"" + text + "\"}";
    try (RawHttp raw = new RawHttp(port)) {
      RawHttp.Response response = raw.send(List.of(
              "POST /v1/echo HTTP/1.1",
              "Host: 127.0.0.1",
              "Content-Type: application/json",
              "Transfer-Encoding: chunked"),
          (Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII)).read();

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(Http.json(response.body()).get("text").asText()).isEqualTo(text);
    }
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsRead() throws Exception {
    byte[] json = "{\"text\":\"continued\"}".getBytes(StandardCharsets.UTF_8);
    try (RawHttp raw = new RawHttp(port)) {
      RawHttp.Response interim = raw.send(List.of(
          "POST /v1/echo HTTP/1.1",
          "Host: 127.0.0.1",
          "Content-Type: application/json",
          "Expect: 100-continue",
          "Content-Length: " + json.length), new byte[0]).read();
      assertThat(interim.status()).isEqualTo(100);

      RawHttp.Response response = raw.send(List.of(), json).read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("continued");
    }
  }

  @Test
  void bodyThatStallsIs408() throws Exception {
    GatewayServer impatient = servers.gateway(TestConfigs.config(
        TestConfigs.server(Duration.ofMillis(300)),
        List.of(TestConfigs.backend("echo", "127.0.0.1:1", ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT));
    try (RawHttp raw = new RawHttp(impatient.httpPort())) {
      RawHttp.Response response = raw.send(List.of(
          "POST /v1/echo HTTP/1.1",
          "Host: 127.0.0.1",
          "Content-Type: application/json",
          "Content-Length: 100"), "{\"te".getBytes(StandardCharsets.US_ASCII)).read();

      assertThat(response.status()).isEqualTo(408);
      assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(4);
    }
  }

  @Test
  void backendErrorKeepsItsCodeMessageAndDetails() {
    HttpResponse<String> response =
        http.post("/v1/fail", "{\"code\":9,\"message\":\"shelf is locked\",\"field\":\"shelf\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(9);
    assertThat(body.get("message").asText()).isEqualTo("shelf is locked");
    JsonNode detail = body.get("details").get(0);
    assertThat(detail.get("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.BadRequest");
    assertThat(detail.get("fieldViolations").get(0).get("field").asText()).isEqualTo("shelf");
  }

  @Test
  void backendStatusCodesMapToHttpStatuses() {
    assertThat(http.post("/v1/fail", "{\"code\":5}").statusCode()).isEqualTo(404);
    assertThat(http.post("/v1/fail", "{\"code\":7}").statusCode()).isEqualTo(403);
    assertThat(http.post("/v1/fail", "{\"code\":16}").statusCode()).isEqualTo(401);
    assertThat(http.post("/v1/fail", "{\"code\":13}").statusCode()).isEqualTo(500);
  }

  @Test
  void malformedInputNeverStopsTheGateway() throws Exception {
    try (RawHttp raw = new RawHttp(port)) {
      // Refused by Undertow's request parser, before any gateway handler: a bare 400.
      RawHttp.Response response = raw.send(
          List.of("GET /v1/echo/%ZZ HTTP/1.1", "Host: 127.0.0.1"), new byte[0]).read();
      assertThat(response.status()).isEqualTo(400);
    }
    HttpResponse<String> badUtf8 = http.get("/v1/echo/%C3%28");
    assertThat(badUtf8.statusCode()).isEqualTo(400);
    assertThat(Http.json(badUtf8.body()).get("code").asInt()).isEqualTo(3);
    try (RawHttp raw = new RawHttp(port)) {
      raw.send(List.of("NONSENSE", "", ""), new byte[] {0, 1, 2, 3});
    }
    assertThat(http.post("/v1/echo", "[[[[[").statusCode()).isEqualTo(400);
    assertThat(http.post("/v1/echo", "\"just a string\"").statusCode()).isEqualTo(400);

    assertThat(http.get("/v1/echo/still-here").statusCode()).isEqualTo(200);
  }

  @Test
  void answersManyConcurrentRequestsEachCorrectly() {
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      responses.add(http.sendAsync(http.request("/v1/echo/n" + i).GET().build()));
    }

    for (int i = 0; i < 200; i++) {
      HttpResponse<String> response = responses.get(i).join();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("n" + i);
    }
  }

  private static void assertStatus(HttpResponse<String> response, int code, String message) {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = Http.json(response.body());
    assertThat(body.get("code").asInt()).isEqualTo(code);
    assertThat(body.get("message").asText()).isEqualTo(message);
    assertThat(body.get("details").isArray()).isTrue();
  }
}
