package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.testing.ChatStreams;
import dev.gangway.gateway.testing.CountStreams;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import dev.gangway.gateway.testing.WsClient.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streaming methods over WebSocket through a real gateway to a real backend: bidi, server and
 * client streaming, binding of first and later messages, half-close, close codes, cancellation,
 * deadlines. Refusals before the upgrade, timeouts and flow control are in
 * {@link GatewayWebSocketLimitsIT}.
 */
class GatewayWebSocketIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private int port;

  private void gateway(RouteConfig... routes) throws Exception {
    echo = servers.backend("echo");
    BackendConfig backend = TestConfigs.backend("echo", echo.target(), ECHO_SERVICE);
    port = servers.gateway(TestConfigs.config(TestConfigs.server(), List.of(backend),
        List.of(routes), HeadersConfig.DEFAULT)).httpPort();
  }

  private ChatStreams chats() {
    return echo.service().chats;
  }

  private CountStreams counts() {
    return echo.service().counts;
  }

  private static String text(Event event) {
    assertThat(event.kind()).as("event %s", event).isEqualTo("text");
    return Http.json(event.text()).get("text").asText();
  }

  private static JsonNode error(Event event) {
    assertThat(event.kind()).as("event %s", event).isEqualTo("text");
    JsonNode frame = Http.json(event.text());
    assertThat(frame.fieldNames()).toIterable().containsExactly("error");
    return frame.get("error");
  }

  @Test
  void bidiEchoesEachMessageBeforeTheNextIsSent() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      for (int round = 1; round <= 3; round++) {
        ws.send("{\"text\":\"m" + round + "\",\"tag\":\"rounds\"}");
        // The echo of this message arrives while the client still holds the next one back.
        assertThat(text(ws.next())).startsWith("echo m" + round + " ");
        assertThat(chats().received("rounds")).isEqualTo(round);
      }

      ws.send(""); // half-close: the backend completes its side

      assertThat(ws.next()).isEqualTo(Event.close(1000, "OK"));
      assertThat(chats().completed.poll(20, TimeUnit.SECONDS)).isEqualTo("rounds");
    }
  }

  @Test
  void firstMessageGetsPathAndQueryLaterOnesOnlyTheirBody() throws Exception {
    gateway();
    // The rule is POST /v1/rooms/{room}/say with body "text": each frame is a JSON string.
    try (WsClient ws = WsClient.connect(port, "/v1/rooms/lobby/say?prefix=%3E%3E")) {
      ws.send("\"hello\"");
      assertThat(text(ws.next())).isEqualTo("echo hello [room=lobby prefix=>>]");
      ws.send("\"again\"");
      assertThat(text(ws.next())).isEqualTo("echo again [room= prefix=]");
      ws.send("");
      assertThat(ws.next()).isEqualTo(Event.close(1000, "OK"));
    }
  }

  @Test
  void laterMessagesMaySetWhatThePathSetInTheFirst() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"a\"}");
      assertThat(text(ws.next())).isEqualTo("echo a [room=lobby prefix=]");
      ws.send("{\"text\":\"b\",\"room\":\"kitchen\"}");
      assertThat(text(ws.next())).isEqualTo("echo b [room=kitchen prefix=]");
    }
  }

  @Test
  void serverStreamingSendsEveryMessageThenClosesOk() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/count/3?tag=ws-count")) {
      List<Event> events = ws.untilClose();

      assertThat(events).hasSize(4);
      assertThat(events.get(0)).isEqualTo(Event.text("{\"text\":\"0\",\"server\":\"echo\"}"));
      assertThat(text(events.get(2))).isEqualTo("2");
      assertThat(events.get(3)).isEqualTo(Event.close(1000, "OK"));
      assertThat(counts().started.poll(20, TimeUnit.SECONDS)).isEqualTo("ws-count");
    }
  }

  @Test
  void serverStreamingRuleWithABodyTakesTheFirstFrameAsTheRequest() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/count")) {
      ws.send("{\"n\":2}");

      List<Event> events = ws.untilClose();

      assertThat(events).extracting(Event::kind).containsExactly("text", "text", "close");
      assertThat(events.get(2)).isEqualTo(Event.close(1000, "OK"));
    }
  }

  @Test
  void serverStreamingRuleWithABodyTakesAnEmptyFrameAsAnEmptyBody() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/count")) {
      ws.send(""); // as a POST without a body: the empty request, n = 0

      assertThat(ws.untilClose()).containsExactly(Event.close(1000, "OK"));
    }
  }

  @Test
  void serverStreamingRefusesASecondMessage() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/count")) {
      ws.send("{\"n\":2,\"tag\":\"twice\",\"pause\":true}");
      assertThat(text(ws.next())).isEqualTo("0");

      ws.send("{\"n\":2}");

      JsonNode error = error(ws.next());
      assertThat(error.get("code").asInt()).isEqualTo(3);
      assertThat(error.get("message").asText())
          .isEqualTo("a server-streaming method takes one request message");
      assertThat(ws.next()).isEqualTo(
          Event.close(4003, "a server-streaming method takes one request message"));
      assertThat(counts().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("twice");
    }
  }

  @Test
  void clientStreamingAnswersOnceThenClosesOk() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/sum")) {
      ws.send("{\"n\":1,\"tag\":\"ws-sum\"}").send("{\"n\":2}").send("{\"n\":3}");
      ws.send("");

      assertThat(ws.untilClose()).containsExactly(
          Event.text("{\"text\":\"sum 6 count 3\"}"), Event.close(1000, "OK"));
    }
  }

  @Test
  void backendErrorBeforeAnyMessageIsAnErrorFrameThenItsCloseCode() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/count/3?failCode=5&failAfter=0")) {
      JsonNode error = error(ws.next());

      assertThat(error.get("code").asInt()).isEqualTo(5);
      assertThat(error.get("message").asText()).isEqualTo("failed after 0 messages");
      assertThat(ws.next()).isEqualTo(Event.close(4005, "failed after 0 messages"));
    }
  }

  @Test
  void backendErrorMidStreamFollowsTheMessagesSent() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/count/3?failCode=14&failAfter=2")) {
      List<Event> events = ws.untilClose();

      assertThat(events).hasSize(4);
      assertThat(text(events.get(1))).isEqualTo("1");
      assertThat(error(events.get(2)).get("code").asInt()).isEqualTo(14);
      assertThat(events.get(3)).isEqualTo(Event.close(4014, "failed after 2 messages"));
    }
  }

  @Test
  void bidiBackendFailureAfterEchoesEndsWithItsStatus() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"a\"}");
      assertThat(text(ws.next())).startsWith("echo a");

      ws.send("{\"text\":\"b\",\"failCode\":9}");

      assertThat(error(ws.next()).get("message").asText()).isEqualTo("failed at message 2");
      assertThat(ws.next()).isEqualTo(Event.close(4009, "failed at message 2"));
    }
  }

  @Test
  void frameThatDoesNotBindCancelsTheCallAndNamesTheMessage() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"fine\",\"tag\":\"bad-json\"}");
      assertThat(text(ws.next())).startsWith("echo fine");

      ws.send("{\"text\": oops");

      JsonNode error = error(ws.next());
      assertThat(error.get("code").asInt()).isEqualTo(3);
      assertThat(error.get("message").asText()).startsWith("message 2: body: invalid JSON");
      Event close = ws.next();
      assertThat(close.code()).isEqualTo(4003);
      assertThat(close.text()).startsWith("message 2: body: invalid JSON");
      assertThat(chats().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("bad-json");
    }
  }

  @Test
  void firstFrameThatDoesNotBindIsMessageOne() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"nope\":1}");

      assertThat(error(ws.next()).get("message").asText())
          .startsWith("message 1: body: ").contains("nope");
      assertThat(ws.next().code()).isEqualTo(4003);
    }
  }

  @Test
  void binaryFrameClosesWithUnsupportedData() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"a\",\"tag\":\"binary\"}");
      assertThat(text(ws.next())).startsWith("echo a");

      ws.sendBinary(new byte[] {1, 2, 3});

      assertThat(ws.next()).isEqualTo(
          Event.close(1003, "binary frames are not supported; send JSON text frames"));
      assertThat(chats().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("binary");
    }
  }

  @Test
  void clientCloseFrameCancelsTheCall() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"a\",\"tag\":\"leaving\"}");
      assertThat(text(ws.next())).startsWith("echo a");

      ws.sendClose(1000, "bye");

      assertThat(ws.next()).isEqualTo(Event.close(1000, "bye")); // Undertow echoes the close
      assertThat(chats().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("leaving");
    }
  }

  @Test
  void droppedConnectionCancelsTheCall() throws Exception {
    gateway();
    WsClient ws = WsClient.connect(port, "/v1/chat/lobby");
    ws.send("{\"text\":\"a\",\"tag\":\"dropped\"}");
    assertThat(text(ws.next())).startsWith("echo a");

    ws.abort();

    assertThat(chats().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("dropped");
  }

  @Test
  void droppedConnectionCancelsAServerStream() throws Exception {
    gateway();
    WsClient ws = WsClient.connect(port, "/v1/count/3?tag=ws-gone&pause=true");
    assertThat(text(ws.next())).isEqualTo("0");

    ws.abort();

    assertThat(counts().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("ws-gone");
  }

  @Test
  void deadlineEndsTheSocketWithDeadlineExceeded() throws Exception {
    gateway(new RouteConfig("gangway.gwtest.v1.EchoService.Chat", Duration.ofMillis(300)));
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby")) {
      ws.send("{\"text\":\"a\",\"tag\":\"late\"}");
      assertThat(text(ws.next())).startsWith("echo a");

      // The client sends nothing more; the call's deadline ends it.
      JsonNode error = error(ws.next());

      assertThat(error.get("code").asInt()).isEqualTo(4);
      String message = "deadline of 300ms exceeded calling gangway.gwtest.v1.EchoService/Chat";
      assertThat(error.get("message").asText()).isEqualTo(message);
      assertThat(ws.next()).isEqualTo(Event.close(4004, message));
    }
  }

  @Test
  void grpcTimeoutHeaderOfTheUpgradeRequestSetsTheDeadline() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/count/2?pause=true&tag=header-deadline",
        "grpc-timeout", "200m")) {
      // The backend sends "0" and pauses; without the header the stream would live for
      // server.stream_timeout (1h). On a loaded machine 200ms may pass before "0" arrives, so
      // "0" is allowed, not required, before the deadline's error.
      Event event = ws.next();
      if (event.kind().equals("text") && Http.json(event.text()).has("text")) {
        assertThat(text(event)).isEqualTo("0");
        event = ws.next();
      }

      assertThat(error(event).get("code").asInt()).isEqualTo(4);
      assertThat(ws.next().code()).isEqualTo(4004);
    }
  }

  @Test
  void upgradeRequestHeadersReachTheBackendAsMetadata() throws Exception {
    gateway();
    try (WsClient ws = WsClient.connect(port, "/v1/chat/lobby", "Authorization", "Bearer t0k")) {
      ws.send("{\"text\":\"a\",\"tag\":\"auth\"}");
      assertThat(text(ws.next())).startsWith("echo a");

      assertThat(chats().authorization).containsEntry("auth", "Bearer t0k");
    }
  }
}
