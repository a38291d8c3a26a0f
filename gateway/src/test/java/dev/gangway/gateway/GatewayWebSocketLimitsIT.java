package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.ChatStreams;
import dev.gangway.gateway.testing.CountStreams;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import dev.gangway.gateway.testing.WsClient.Event;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket limits through a real gateway: what is refused before the upgrade (normal JSON
 * errors), frames over the size limit, flow control towards a client that stops reading, the
 * listener's timeouts (which must not cut a running socket) and the closing handshake's grace.
 */
class GatewayWebSocketLimitsIT {
  private static final String ORPHAN_SERVICE = "gangway.gwtest.v1.OrphanService";
  /** A valid opening handshake but for the path (RFC 6455 section 1.3's sample key). */
  private static final List<String> UPGRADE = List.of("Host: 127.0.0.1", "Upgrade: websocket",
      "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13");

  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private int port;

  private void gateway(ServerConfig server, String... services) throws Exception {
    echo = servers.backend("echo");
    BackendConfig backend = TestConfigs.backend("echo", echo.target(), services);
    port = servers.gateway(TestConfigs.config(server, List.of(backend), List.of(),
        HeadersConfig.DEFAULT)).httpPort();
  }

  private void gateway() throws Exception {
    gateway(TestConfigs.server(), ECHO_SERVICE);
  }

  private CountStreams counts() {
    return echo.service().counts;
  }

  private ChatStreams chats() {
    return echo.service().chats;
  }

  private RawHttp.Response upgrade(String path, List<String> headers) throws IOException {
    try (RawHttp raw = new RawHttp(port)) {
      List<String> head = new ArrayList<>();
      head.add("GET " + path + " HTTP/1.1");
      head.addAll(headers);
      return raw.send(head, new byte[0]).read();
    }
  }

  private static void assertStatus(
      RawHttp.Response response, int status, int code, String message) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("Content-Type")).hasValue("application/json");
    assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(code);
    assertThat(Http.json(response.body()).get("message").asText()).isEqualTo(message);
  }

  @Test
  void unaryPathIsRefusedBeforeTheUpgrade() throws Exception {
    gateway();

    assertStatus(upgrade("/v1/echo/hi", UPGRADE), 400, 3,
        "WebSocket is served for streaming methods only; gangway.gwtest.v1.EchoService/Echo"
            + " is unary");
    Throwable refused = WsClient.refused(port, "/v1/echo/hi");
    assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode()).isEqualTo(400);
  }

  @Test
  void unknownPathIsNotFoundBeforeTheUpgrade() throws Exception {
    gateway();

    assertStatus(upgrade("/v1/nothing", UPGRADE), 404, 5,
        "no route for WebSocket /v1/nothing (no streaming method under GET, POST, PUT, PATCH,"
            + " DELETE)");
  }

  @Test
  void rawHttpBodyStreamsAreNotServedOverWebSocket() throws Exception {
    gateway();

    assertStatus(upgrade("/v1/download?size=1", UPGRADE), 501, 12,
        "streams of raw google.api.HttpBody bytes are not served over WebSocket (use plain HTTP on"
            + " the same path): gangway.gwtest.v1.EchoService/Download");
    assertStatus(upgrade("/v1/upload/f", UPGRADE), 501, 12,
        "streams of raw google.api.HttpBody bytes are not served over WebSocket (use plain HTTP on"
            + " the same path): gangway.gwtest.v1.EchoService/UploadTo");
  }

  @Test
  void methodWithoutBackendIsUnavailableBeforeTheUpgrade() throws Exception {
    gateway(TestConfigs.server(), ORPHAN_SERVICE);

    assertStatus(upgrade("/v1/chat/lobby", UPGRADE), 503, 14,
        "no backend serves gangway.gwtest.v1.EchoService (calling"
            + " gangway.gwtest.v1.EchoService/Chat)");
  }

  @Test
  void pathOrQueryThatDoesNotBindIsRefusedBeforeTheUpgrade() throws Exception {
    gateway();

    RawHttp.Response badPath = upgrade("/v1/count/many", UPGRADE);
    assertThat(badPath.status()).isEqualTo(400);
    assertThat(Http.json(badPath.body()).get("message").asText())
        .startsWith("path variable {n}: ");
    // A body: "*" rule takes no query parameters, over WebSocket as over HTTP.
    RawHttp.Response badQuery = upgrade("/v1/chat/lobby?text=hi", UPGRADE);
    assertThat(badQuery.status()).isEqualTo(400);
    assertThat(Http.json(badQuery.body()).get("message").asText()).contains("text");
  }

  @Test
  void upgradeWithoutAKeyIsAnInvalidHandshake() throws Exception {
    gateway();

    RawHttp.Response response = upgrade("/v1/chat/lobby", UPGRADE.subList(0, 3));

    assertStatus(response, 400, 3,
        "invalid WebSocket handshake: Sec-WebSocket-Key and Sec-WebSocket-Version: 13 are"
            + " required");
    assertThat(response.header("Sec-WebSocket-Version")).hasValue("13");
  }

  @Test
  void preRfcDraftVersionsAreInvalidHandshakes() throws Exception {
    gateway();
    for (String version : List.of("7", "8")) {
      List<String> draft = new ArrayList<>(UPGRADE.subList(0, 4));
      draft.add("Sec-WebSocket-Version: " + version);

      RawHttp.Response response = upgrade("/v1/chat/lobby", draft);

      assertStatus(response, 400, 3,
          "invalid WebSocket handshake: Sec-WebSocket-Key and Sec-WebSocket-Version: 13 are"
              + " required");
      assertThat(response.header("Sec-WebSocket-Version")).hasValue("13");
    }
  }

  @Test
  void frameOverTheBodyLimitClosesWithMessageTooBig() throws Exception {
    gateway(TestConfigs.server(1024, ServerConfig.DEFAULT.maxGrpcTimeout()), ECHO_SERVICE);
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"small\",\"tag\":\"too-big\"}");
      assertThat(Http.json(ws.next().text()).get("text").asText()).startsWith("echo small");

      ws.send("{\"text\":\"" + "x".repeat(2000) + "\"}");

      Event close = ws.next();
      assertThat(close.code()).isEqualTo(1009);
      assertThat(close.text()).contains("1024");
      assertThat(chats().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("too-big");
    }
  }

  @Test
  void backendIsAskedForMoreOnlyWhenTheClientReads() throws Exception {
    gateway();
    Http http = new Http(port);
    int total = 4000;
    int pad = 16 << 10; // 4000 messages of 16 KiB: far beyond socket buffers and gRPC windows

    try (WsClient ws = WsClient.connectNotReading(port,
        "/v1/count/" + total + "?tag=ws-stalled&pad=" + pad)) {
      // The client reads nothing: the backend must come to a stop, waiting for onReady, with no
      // more sent across a full round trip through gateway and backend.
      Await.until("the backend stream stalls", () -> {
        int before = counts().sent("ws-stalled");
        assertThat(http.get("/v1/echo/ping").statusCode()).isEqualTo(200);
        return counts().blocked("ws-stalled") && counts().sent("ws-stalled") == before;
      }, () -> counts().sent("ws-stalled") + " sent");
      assertThat(counts().sent("ws-stalled")).isLessThan(total / 2);

      ws.request(Long.MAX_VALUE);
      int messages = 0;
      for (Event event = ws.next(); !event.isClose(); event = ws.next()) {
        assertThat(event.kind()).isEqualTo("text");
        messages++;
      }
      assertThat(messages).isEqualTo(total);
      assertThat(counts().sent("ws-stalled")).isEqualTo(total);
    }
  }

  @Test
  void listenerTimeoutsDoNotCutAQuietSocket() throws Exception {
    Duration timeout = Duration.ofMillis(200);
    gateway(TestConfigs.server(timeout, timeout), ECHO_SERVICE);
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"before\"}");
      assertThat(Http.json(ws.next().text()).get("text").asText()).startsWith("echo before");

      // Neither side sends anything for five times the idle and read timeouts: time passing is
      // what is under test, so there is nothing to poll for.
      Thread.sleep(5 * timeout.toMillis());

      ws.send("{\"text\":\"after\"}");
      assertThat(Http.json(ws.next().text()).get("text").asText()).startsWith("echo after");
      ws.send("");
      assertThat(ws.next()).isEqualTo(Event.close(1000, "OK"));
    }
  }

  @Test
  void clientThatNeverAnswersTheCloseFrameIsDisconnected() throws Exception {
    // The grace for the closing handshake is the read timeout.
    gateway(TestConfigs.server(ServerConfig.DEFAULT.idleTimeout(), Duration.ofMillis(200)),
        ECHO_SERVICE);
    try (RawHttp raw = new RawHttp(port)) {
      List<String> head = new ArrayList<>();
      head.add("GET /v1/count/1 HTTP/1.1");
      head.addAll(UPGRADE);
      assertThat(raw.send(head, new byte[0]).read().status()).isEqualTo(101);
      InputStream in = raw.input();
      assertThat(readFrameOpcode(in)).isEqualTo(1); // the one message, as text
      assertThat(readFrameOpcode(in)).isEqualTo(8); // close; this client never answers it
      assertThat(in.read()).isEqualTo(-1); // Undertow shuts its sending side after a close

      // The gateway still reads (waiting for the client's close frame) until the grace is over,
      // then closes the socket: frames written after that are refused (reset).
      Await.until("the gateway closes the connection", () -> {
        try {
          raw.send(List.of(), MASKED_EMPTY_TEXT);
          return false;
        } catch (IOException e) {
          return true;
        }
      }, () -> "still open");
    }
  }

  /** A client text frame with no payload (masked, as clients must send). */
  private static final byte[] MASKED_EMPTY_TEXT = {(byte) 0x81, (byte) 0x80, 1, 2, 3, 4};

  /** Reads one unmasked server frame and returns its opcode. */
  private static int readFrameOpcode(InputStream in) throws IOException {
    int first = in.read();
    long length = in.read() & 0x7F;
    if (length == 126) {
      length = (in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    in.readNBytes((int) length);
    return first & 0x0F;
  }
}
