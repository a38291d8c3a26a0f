package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.auth.ApiKeyAuthenticator;
import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The access log through a real gateway and backend: one line per request (per server stream and
 * WebSocket at its end), JSON or text, with the request id (the client's or a made one, forwarded
 * to the backend and echoed), the trace id, client, route template, status, gRPC code, bytes,
 * duration and backend; never a credential.
 */
class GatewayAccessLogTest {
  static final String KEY = "acme-key-0123456789";
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger access = (Logger) LoggerFactory.getLogger("gangway.access");
  private EchoBackend echo;
  private int port;

  @BeforeEach
  void capture() throws Exception {
    lines.start();
    access.addAppender(lines);
    access.setLevel(Level.INFO);
    echo = servers.backend("echo");
  }

  @AfterEach
  void release() {
    access.detachAppender(lines);
  }

  private Http gateway(String accessLog) throws Exception {
    Path file = AccessConfigs.write(dir, echo.target(),
        "auth:",
        "  providers:",
        "    - name: partners",
        "      api_keys:",
        "        header: x-api-key",
        "        keys:",
        "          - {consumer: acme, sha256: " + ApiKeyAuthenticator.hash(KEY) + "}",
        "access:",
        "  routes:",
        "    - match: [gangway.gwtest.v1.EchoService.Echo]",
        "      require: {provider: partners}",
        accessLog);
    port = servers.own(GatewayServer.start(AccessConfigs.source(file))).httpPort();
    return new Http(port);
  }

  private List<String> awaitLines(int count) throws InterruptedException {
    Await.until(count + " access log lines", () -> lines.list.size() >= count,
        () -> lines.list);
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void writesOneJsonLinePerRequestWithoutCredentials() throws Exception {
    Http http = gateway("access_log: {enabled: true, headers: [x-tenant]}");

    HttpResponse<String> ok = http.get("/v1/echo/hello", "x-request-id", "req-42",
        "x-api-key", KEY, "authorization", "Bearer secret-token-1", "cookie", "session=s3cr3t",
        "x-tenant", "blue", "traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01",
        "user-agent", "probe \"1\"");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("x-request-id")).contains("req-42");

    String line = awaitLines(1).get(0);
    JsonNode json = Http.json(line);
    assertThat(Instant.parse(json.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(json.get("time").asText()).endsWith("Z");
    assertThat(json.get("request_id").asText()).isEqualTo("req-42");
    assertThat(json.get("trace_id").asText()).isEqualTo(TRACE);
    assertThat(json.get("client").asText()).isEqualTo("127.0.0.1");
    assertThat(json.get("method").asText()).isEqualTo("GET");
    assertThat(json.get("path").asText()).isEqualTo("/v1/echo/hello");
    assertThat(json.get("route").asText()).isEqualTo("/v1/echo/{text}");
    assertThat(json.get("status").asInt()).isEqualTo(200);
    assertThat(json.get("grpc_code").asText()).isEqualTo("OK");
    assertThat(json.get("backend").asText()).isEqualTo("echo");
    assertThat(json.get("bytes_out").asLong()).isEqualTo(ok.body().length());
    assertThat(json.get("duration_ms").isNumber()).isTrue();
    assertThat(json.get("user_agent").asText()).isEqualTo("probe \"1\"");
    assertThat(json.get("header.x-tenant").asText()).isEqualTo("blue");
    assertThat(line).doesNotContain("secret-token-1", "s3cr3t", KEY);
  }

  @Test
  void aRequestWithoutAnIdGetsOneThatTheBackendAndTheClientSee() throws Exception {
    Http http = gateway("access_log: {enabled: true}");

    HttpResponse<String> response = http.get("/v1/headers", "x-request-id", "bad id with spaces");

    String id = response.headers().firstValue("x-request-id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(Http.json(response.body()).get("received").get("x-request-id").asText())
        .isEqualTo(id);
    JsonNode json = Http.json(awaitLines(1).get(0));
    assertThat(json.get("request_id").asText()).isEqualTo(id);
    assertThat(json.has("trace_id")).isFalse();
  }

  @Test
  void refusalsStreamsAndWebSocketsGetALineAtTheirEnd() throws Exception {
    Http http = gateway("access_log: {enabled: true, format: json}");

    assertThat(http.get("/v1/echo/x").statusCode()).isEqualTo(401);
    assertThat(http.get("/v1/count/3").statusCode()).isEqualTo(200);
    try (WsClient ws = WsClient.connect(port, "/v1/chat/room")) {
      ws.send("{\"text\":\"hi\"}");
      assertThat(ws.next().text()).contains("hi");
      assertThat(lines.list).hasSize(2); // the open socket has no line yet
      ws.send(""); // no more messages: the backend ends the call, the gateway closes 1000
      ws.untilClose();
    }
    try (WsClient ws = WsClient.connect(port, "/v1/chat/other")) {
      ws.send("{\"text\":\"hi\"}");
      assertThat(ws.next().text()).contains("hi");
      ws.sendClose(1000, "bye"); // the client leaves first: its call is cancelled
      ws.untilClose();
    }

    List<JsonNode> json = awaitLines(4).stream().map(Http::json).toList();
    assertThat(json.get(0).get("status").asInt()).isEqualTo(401);
    assertThat(json.get(0).get("grpc_code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(json.get(0).get("rejection").asText()).isEqualTo("unauthenticated");
    assertThat(json.get(1).get("route").asText()).isEqualTo("/v1/count/{n}");
    assertThat(json.get(1).get("grpc_code").asText()).isEqualTo("OK");
    assertThat(json.get(2).get("route").asText()).isEqualTo("/v1/chat/{room}");
    assertThat(json.get(2).get("status").asInt()).isEqualTo(101);
    assertThat(json.get(2).get("grpc_code").asText()).isEqualTo("OK");
    assertThat(json.get(3).get("route").asText()).isEqualTo("/v1/chat/{room}");
    assertThat(json.get(3).get("grpc_code").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void textLinesAndSampledSuccesses() throws Exception {
    Http http = gateway("access_log: {enabled: true, format: text, sample_successes: 0}");

    assertThat(http.get("/v1/headers").statusCode()).isEqualTo(200);
    assertThat(http.get("/no/such/path", "x-request-id", "r-1").statusCode()).isEqualTo(404);

    String line = awaitLines(1).get(0);
    assertThat(line).contains(" request_id=r-1 ", " method=GET ", " path=/no/such/path ",
        " route=unmatched ", " status=404 ", " grpc_code=NOT_FOUND ");
    assertThat(line).startsWith("time=");
    assertThat(lines.list).hasSize(1); // the 200 was sampled out
  }

  @Test
  void aCredentialHeaderCannotBeLogged() throws Exception {
    for (String header : List.of("authorization", "cookie", "x-api-key", "x-auth-token")) {
      Path file = AccessConfigs.write(dir, echo.target(),
          "auth: {providers: [{name: p, api_keys: {header: x-api-key, keys: [{consumer: a,"
              + " sha256: " + ApiKeyAuthenticator.hash(KEY) + "}]}}]}",
          "access_log: {enabled: true, headers: [" + header + "]}");
      assertThatThrownBy(() -> AccessConfigs.source(file).load())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("access_log.headers[0]: \"" + header
              + "\" may carry credentials and is never logged");
    }
  }
}
