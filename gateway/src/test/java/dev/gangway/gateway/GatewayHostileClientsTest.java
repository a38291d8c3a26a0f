package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.LimitsConfig;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.PrometheusText;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.UnknownInput;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacks of issue 10 (F1, F7 and the malformed-HTTP findings), each replayed over a real
 * socket against a real gateway: every one gets its own status with a {@code google.rpc.Status}
 * body naming the limit, and the gateway keeps serving others.
 */
class GatewayHostileClientsTest {
  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;

  private GatewayServer gateway(UnaryOperator<LimitsConfig.Builder> limits, ServerConfig server)
      throws Exception {
    echo = servers.backend("echo");
    GatewayConfig config = TestConfigs.config(server,
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT);
    return servers.gateway(config.toBuilder()
        .limits(limits.apply(LimitsConfig.DEFAULT.toBuilder()).build()).build());
  }

  private GatewayServer gateway(UnaryOperator<LimitsConfig.Builder> limits) throws Exception {
    return gateway(limits, TestConfigs.server());
  }

  private static RawHttp.Response request(int port, String... head) throws IOException {
    try (RawHttp raw = new RawHttp(port)) {
      return raw.send(List.of(head), new byte[0]).read();
    }
  }

  private static String message(RawHttp.Response response) {
    return Http.json(response.body()).get("message").asText();
  }

  @Test
  void declaredLengthsWithoutBodiesHoldNoBodyMemory() throws Exception {
    // F1: 4 MiB declared and never sent, many times over, against a 64 KiB budget. Before, each
    // allocated its declared length up front (OOM); now nothing is held, so others are served.
    GatewayServer gateway = gateway(l -> l.maxBufferedBodyBytes(64 << 10));
    List<RawHttp> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        RawHttp raw = servers.own(new RawHttp(gateway.httpPort()));
        raw.send(List.of("POST /v1/echo HTTP/1.1", "Host: x", "Content-Type: application/json",
            "Content-Length: 4194304"), new byte[0]);
        idle.add(raw);
      }
      HttpResponse<String> ok = new Http(gateway.httpPort()).post("/v1/echo", "{\"text\":\"hi\"}");

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(Http.json(ok.body()).get("text").asText()).isEqualTo("hi");
    } finally {
      for (RawHttp raw : idle) {
        raw.close();
      }
    }
  }

  @Test
  void bodiesPastTheGlobalBudgetGet503WithRetryAfter() throws Exception {
    echo = servers.backend("echo");
    GatewayConfig config = TestConfigs.config(TestConfigs.server(),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT);
    GatewayServer gateway = servers.gateway(config.toBuilder()
        .admin(new AdminConfig("127.0.0.1", 0))
        .limits(LimitsConfig.DEFAULT.toBuilder().maxBufferedBodyBytes(64 << 10).build()).build());
    Http admin = new Http(gateway.adminPort().orElseThrow());
    try (RawHttp holder = new RawHttp(gateway.httpPort());
        RawHttp probe = new RawHttp(gateway.httpPort())) {
      // 60 KiB of a 100 KiB body: the holder's buffer grows to (almost) the whole 64 KiB budget.
      holder.send(List.of("POST /v1/echo HTTP/1.1", "Host: x", "Content-Type: application/json",
          "Content-Length: 102400"), new byte[60 << 10]);
      // Its bytes reach the gateway asynchronously: wait until they are all buffered (a probe
      // sent earlier could take part of the budget first and leave the holder refused instead).
      double[] buffered = new double[1];
      Await.until("the holder's body buffered", () -> {
        buffered[0] = PrometheusText.parse(admin.get("/metrics").body())
            .value("gangway_http_buffered_body_bytes");
        return buffered[0] >= 60 << 10; // the reservation may exceed the bytes held
      }, () -> buffered[0]);

      RawHttp.Response refused = probe.send(List.of("POST /v1/echo HTTP/1.1", "Host: x",
          "Content-Type: application/json", "Content-Length: 20000"), jsonOf(20000)).read();

      assertThat(refused.status()).as(refused.body()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).hasValue("1");
      assertThat(Http.json(refused.body()).get("code").asInt()).isEqualTo(14);
      assertThat(message(refused)).isEqualTo("the gateway holds its limit of 65536 bytes of"
          + " request bodies (limits.max_buffered_bodies)");
      // Requests without a body hold nothing and are still served.
      assertThat(request(gateway.httpPort(), "GET /v1/echo/ok HTTP/1.1", "Host: x",
          "Connection: close").status()).isEqualTo(200);
    }
  }

  private static byte[] jsonOf(int length) {
    StringBuilder text = new StringBuilder("{\"text\":\"");
    while (text.length() < length - 2) {
      text.append('a');
    }
    return text.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void requestsPastTheConcurrencyLimitGet503WithRetryAfter() throws Exception {
    GatewayServer gateway = gateway(l -> l.maxConcurrentRequests(2));
    Http http = new Http(gateway.httpPort());
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    for (String tag : List.of("a", "b")) {
      slow.add(http.sendAsync(http.request("/v1/slow")
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"delayMs\":20000,\"tag\":\"" + tag + "\"}"))
          .build()));
    }
    assertThat(echo.service().slowStarted.poll(20, TimeUnit.SECONDS)).isNotNull();
    assertThat(echo.service().slowStarted.poll(20, TimeUnit.SECONDS)).isNotNull();

    RawHttp.Response refused = request(gateway.httpPort(), "GET /v1/echo/third HTTP/1.1",
        "Host: x", "Connection: close");

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).hasValue("1");
    assertThat(message(refused)).isEqualTo(
        "the gateway is serving its limit of 2 requests (limits.max_concurrent_requests)");
  }

  @Test
  void connectionsPastTheLimitWaitUntilOneCloses() throws Exception {
    GatewayServer gateway = gateway(l -> l.maxConnections(2));
    RawHttp first = servers.own(new RawHttp(gateway.httpPort()));
    RawHttp second = servers.own(new RawHttp(gateway.httpPort()));
    for (RawHttp raw : List.of(first, second)) {
      assertThat(raw.send(List.of("GET /v1/echo/a HTTP/1.1", "Host: x"), new byte[0]).read()
          .status()).isEqualTo(200);
    }
    RawHttp third = servers.own(new RawHttp(gateway.httpPort()));
    third.send(List.of("GET /v1/echo/c HTTP/1.1", "Host: x"), new byte[0]);
    third.socket().setSoTimeout(500);

    // Not accepted while two are open: the request waits in the backlog, unanswered.
    assertThatThrownBy(third::read).isInstanceOf(SocketTimeoutException.class);

    first.close();
    third.socket().setSoTimeout(20_000);
    assertThat(third.read().status()).isEqualTo(200);
  }

  @Test
  void longRequestTargetIs414() throws Exception {
    GatewayServer gateway = gateway(l -> l.maxUrlBytes(1024));

    RawHttp.Response response = request(gateway.httpPort(),
        "GET /v1/echo/" + "a".repeat(2000) + " HTTP/1.1", "Host: x");

    assertThat(response.status()).isEqualTo(414);
    assertThat(message(response))
        .isEqualTo("request target of 2010 bytes is longer than 1024 (limits.max_url_size)");
  }

  @Test
  void tooManyHeaderFieldsAre431() throws Exception {
    GatewayServer gateway = gateway(l -> l.maxHeaderCount(10));
    List<String> head = new ArrayList<>(List.of("GET /v1/echo/a HTTP/1.1", "Host: x"));
    for (int i = 0; i < 20; i++) {
      head.add("X-Filler-" + i + ": " + i);
    }

    RawHttp.Response response = request(gateway.httpPort(), head.toArray(String[]::new));

    assertThat(response.status()).isEqualTo(431);
    assertThat(message(response))
        .isEqualTo("request has 21 header fields, more than 10 (limits.max_header_count)");
  }

  @Test
  void largeHeaderFieldsAre431() throws Exception {
    GatewayServer gateway = gateway(l -> l, TestConfigs.local().maxHeaderBytes(4096).build());

    RawHttp.Response response = request(gateway.httpPort(), "GET /v1/echo/a HTTP/1.1",
        "Host: x", "X-Big: " + "b".repeat(5000));

    assertThat(response.status()).isEqualTo(431);
    assertThat(message(response)).isEqualTo(
        "request header fields take 5018 bytes, more than 4096 (server.max_header_size)");
  }

  @Test
  void unknownTransferCodingIs501AndNotReadAsChunked() throws Exception {
    GatewayServer gateway = gateway(l -> l);

    RawHttp.Response gzip = request(gateway.httpPort(), "POST /v1/echo HTTP/1.1", "Host: x",
        "Content-Type: application/json", "Transfer-Encoding: gzip");

    assertThat(gzip.status()).isEqualTo(501);
    assertThat(message(gzip)).isEqualTo("Transfer-Encoding \"gzip\" is not supported (only chunked)");
  }

  @Test
  void transferEncodingInHttp10Is400() throws Exception {
    GatewayServer gateway = gateway(l -> l);

    RawHttp.Response response = request(gateway.httpPort(), "POST /v1/echo HTTP/1.0",
        "Host: x", "Content-Type: application/json", "Transfer-Encoding: chunked");

    assertThat(response.status()).isEqualTo(400);
    assertThat(message(response))
        .isEqualTo("Transfer-Encoding is not allowed in an HTTP/1.0 request");
  }

  /**
   * The limits hold while the codec reads the body, for members it binds and for members it skips
   * alike: unknown members are ignored here, so only the limits refuse these bodies.
   */
  @Test
  void jsonBodiesPastTheirShapeLimitsAre400NamingTheLimit() throws Exception {
    echo = servers.backend("echo");
    GatewayConfig base = TestConfigs.config(TestConfigs.server(),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT);
    GatewayServer gateway = servers.gateway(base.toBuilder()
        .transcoding(TranscoderOptions.builder().unknownBodyFields(UnknownInput.IGNORE).build())
        .limits(LimitsConfig.DEFAULT.toBuilder().maxJsonDepth(8).maxJsonEntries(100)
            .maxJsonStringBytes(1000).maxJsonNumberLength(20).build())
        .build());
    Http http = new Http(gateway.httpPort());
    assertThat(http.post("/v1/echo", "{\"text\":\"a\",\"x\":[[1,2],{\"y\":\"z\"}]}").statusCode())
        .as("within every limit, an unknown member is skipped").isEqualTo(200);

    assertThat(refusal(http, "{\"text\":\"a\",\"x\":" + "[".repeat(10) + "]".repeat(10) + "}"))
        .isEqualTo("body: JSON nested deeper than 8 (limits.max_json_depth)");
    StringBuilder many = new StringBuilder("{\"text\":\"a\",\"m\":{");
    for (int i = 0; i < 150; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
    }
    assertThat(refusal(http, many.append("}}").toString())).isEqualTo(
        "body: a JSON object or array has more than 100 entries (limits.max_json_entries)");
    assertThat(refusal(http, "{\"text\":\"" + "s".repeat(2000) + "\"}")).isEqualTo(
        "body: a JSON string or member name is longer than 1000 characters"
            + " (limits.max_json_string)");
    assertThat(refusal(http, "{\"n\":" + "1".repeat(50) + "}")).isEqualTo(
        "body: a JSON number is longer than 20 characters (limits.max_json_number_length)");
    assertThat(refusal(http, "{\"text\":\"a\",\"text\":\"b\"}"))
        .isEqualTo("body: field gangway.gwtest.v1.EchoRequest.text is set more than once");
  }

  private static String refusal(Http http, String json) {
    HttpResponse<String> response = http.post("/v1/echo", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return Http.json(response.body()).get("message").asText();
  }

  @Test
  void largeBodiesAreBoundOffTheIoThreadsWithTheSameAnswers() throws Exception {
    // Every body goes to the binding pool: the answers are those of the IO-thread path.
    GatewayServer gateway = gateway(l -> l.offloadBodyBytes(1));
    Http http = new Http(gateway.httpPort());

    HttpResponse<String> ok = http.post("/v1/echo", "{\"text\":\"" + "t".repeat(100_000) + "\"}");
    HttpResponse<String> bad = http.post("/v1/echo", "{\"nope\":1}");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Http.json(ok.body()).get("text").asText()).hasSize(100_000);
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void aBodyWithoutContentTypeIs415() throws Exception {
    GatewayServer gateway = gateway(l -> l);
    try (RawHttp raw = new RawHttp(gateway.httpPort())) {
      byte[] body = "{\"text\":\"csrf\"}".getBytes(StandardCharsets.US_ASCII);
      RawHttp.Response response = raw.send(List.of("POST /v1/echo HTTP/1.1", "Host: x",
          "Content-Length: " + body.length), body).read();

      assertThat(response.status()).isEqualTo(415);
      assertThat(message(response))
          .isEqualTo("body: a request body needs Content-Type: application/json");
    }
  }

  @Test
  void forwardedMetadataOverTheBackendLimitIs431AndOthersAreUnaffected() throws Exception {
    // F2/F3: a long bearer token used to reach the backend, which reset the shared connection.
    GatewayServer gateway = gateway(l -> l);
    Http http = new Http(gateway.httpPort());

    HttpResponse<String> big = http.get("/v1/headers", "Authorization", "Bearer " + "t".repeat(9000));
    HttpResponse<String> prefixed =
        http.get("/v1/headers", "Grpc-Metadata-Blob", "b".repeat(7500));
    HttpResponse<String> after = http.get("/v1/echo/still-fine");

    assertThat(big.statusCode()).isEqualTo(431);
    JsonNode status = Http.json(big.body());
    assertThat(status.get("code").asInt()).isEqualTo(8);
    assertThat(status.get("message").asText()).startsWith("request headers forwarded to the"
        + " backend take ").endsWith(" bytes, more than the 7168 allowed"
        + " (headers.max_metadata_size 8192 less 1024 for the transport's own headers)");
    assertThat(prefixed.statusCode()).isEqualTo(431);
    assertThat(after.statusCode()).isEqualTo(200);
  }
}
