package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.WebSocketConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway pings open WebSockets ({@code websocket.ping_interval}) and gives up a socket whose
 * client has stopped answering, cancelling its call.
 */
class GatewayWebSocketKeepAliveIT {
  /**
   * Pings for a client that answers: long enough that a pong delayed by a loaded machine is not
   * taken for silence (that takes two intervals).
   */
  private static final Duration ANSWERED_INTERVAL = Duration.ofMillis(400);
  /** Pings for a client that never answers: short, so that the test ends soon. */
  private static final Duration SILENT_INTERVAL = Duration.ofMillis(100);

  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private int port;

  private void gateway(Duration interval) throws Exception {
    echo = servers.backend("echo");
    BackendConfig backend = TestConfigs.backend("echo", echo.target(), ECHO_SERVICE);
    port = servers.gateway(TestConfigs.config(backend).toBuilder()
        .webSocket(WebSocketConfig.DEFAULT.withPingInterval(interval))
        .build()).httpPort();
  }

  @Test
  void quietSocketIsPingedAndStaysOpenWhileTheClientAnswers() throws Exception {
    gateway(ANSWERED_INTERVAL);
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"hi\",\"tag\":\"pinged\"}");
      assertThat(Http.json(ws.next().text()).get("text").asText()).startsWith("echo hi");

      // Silent for several intervals: pings keep coming and the JDK client answers each one.
      Await.until("five pings", () -> ws.pings() >= 5, ws::pings);
      ws.send("{\"text\":\"still here\"}");
      assertThat(Http.json(ws.next().text()).get("text").asText()).startsWith("echo still here");
      assertThat(echo.service().chats.cancelled).isEmpty();
    }
  }

  @Test
  void clientThatStopsAnsweringPingsIsDisconnectedAndItsCallCancelled() throws Exception {
    gateway(SILENT_INTERVAL);
    try (RawHttp raw = new RawHttp(port)) {
      RawHttp.Response upgraded = raw.send(List.of("GET /v1/chat/lobby HTTP/1.1",
          "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"),
          new byte[0]).read();
      assertThat(upgraded.status()).isEqualTo(101);
      raw.send(List.of(), maskedText("{\"text\":\"hi\",\"tag\":\"vanished\"}"));

      // This client reads nothing and never answers a ping, as a peer whose network vanished.
      assertThat(echo.service().chats.cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("vanished");
    }
  }

  /** A client's text frame (clients must mask; the all-zero key leaves the payload as it is). */
  private static byte[] maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[2 + 4 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length); // under 126 bytes
    System.arraycopy(payload, 0, frame, 6, payload.length);
    return frame;
  }
}
