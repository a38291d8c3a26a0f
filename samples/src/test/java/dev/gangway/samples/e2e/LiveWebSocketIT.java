package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.samples.support.CallProbe;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Live sample over WebSocket through the real gateway, with java.net.http.WebSocket clients:
 * a chat between two clients in one room (join and leave notices, messages to both), the errors
 * that end a chat and their close codes, and the ticker and quote recording on the same paths as
 * their HTTP rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveWebSocketIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  private WsSession join(String room, String user) throws Exception {
    return WsSession.open(h, "/v1/rooms/" + room + "/messages:chat")
        .send("{\"user\":\"" + user + "\"}");
  }

  private static void assertEvent(JsonNode event, String kind, String user, String text) {
    assertThat(event.path("kind").asText()).as("kind of %s", event).isEqualTo(kind);
    assertThat(event.path("user").asText()).as("user of %s", event).isEqualTo(user);
    assertThat(event.path("text").asText()).as("text of %s", event).isEqualTo(text);
  }

  private static void assertClose(WsSession.Frame frame, int code, String reason) {
    assertThat(frame.isClose()).as("a close frame, got %s", frame).isTrue();
    assertThat(frame.closeCode()).as("close code of %s", frame).isEqualTo(code);
    assertThat(frame.reason()).isEqualTo(reason);
  }

  @Test
  void twoClientsChatInOneRoom() throws Exception {
    try (WsSession alice = join("ws-lobby", "alice")) {
      JsonNode aliceJoined = alice.nextJson();
      assertEvent(aliceJoined, "JOINED", "alice", "");
      assertThat(aliceJoined.path("room").asText()).as("the room comes from the path")
          .isEqualTo("ws-lobby");
      try (WsSession bob = join("ws-lobby", "bob")) {
        JsonNode bobJoined = bob.nextJson();
        assertEvent(bobJoined, "JOINED", "bob", "");
        assertThat(Json.texts(bobJoined.path("participants"))).containsExactly("alice", "bob");
        assertThat(alice.nextJson()).isEqualTo(bobJoined);

        alice.send("{\"text\":\"hi bob\"}");

        JsonNode message = alice.nextJson();
        assertEvent(message, "MESSAGE", "alice", "hi bob");
        assertThat(bob.nextJson()).isEqualTo(message);

        bob.send("{\"text\":\"hi alice\"}");

        assertEvent(alice.nextJson(), "MESSAGE", "bob", "hi alice");
        assertEvent(bob.nextJson(), "MESSAGE", "bob", "hi alice");

        bob.send("");

        assertClose(bob.next(), 1000, "OK");
        JsonNode left = alice.nextJson();
        assertEvent(left, "LEFT", "bob", "");
        assertThat(Json.texts(left.path("participants"))).containsExactly("alice");
      }
      alice.send("");
      assertClose(alice.next(), 1000, "OK");
    }
  }

  @Test
  void aClientThatClosesLeavesAndItsCallIsCancelled() throws Exception {
    CallProbe chats = h.samples().live().chats();
    int cancelled = chats.count(CallProbe.Phase.CANCELLED);
    try (WsSession carol = join("ws-going", "carol")) {
      // Each join waits for its notice: two sockets' calls reach the backend in any order.
      carol.nextJson();
      try (WsSession dave = join("ws-going", "dave")) {
        dave.nextJson();
        carol.nextJson();

        dave.sendClose(1000, "bye");

        assertEvent(carol.nextJson(), "LEFT", "dave", "");
        assertThat(chats.await(CallProbe.Phase.CANCELLED, cancelled + 1, WAIT))
            .as("the gateway cancels the call of a client that closed").isTrue();
      }
    }
  }

  @Test
  void aTakenNameEndsTheChatWithAnErrorFrameAndItsCode() throws Exception {
    try (WsSession first = join("ws-names", "erin")) {
      first.nextJson();
      try (WsSession second = join("ws-names", "erin")) {
        JsonNode error = second.nextJson().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(6);
        assertThat(error.path("message").asText())
            .isEqualTo("user \"erin\" is already in room \"ws-names\"");
        assertClose(second.next(), 4006, "user \"erin\" is already in room \"ws-names\"");
      }
    }
  }

  @Test
  void aMessageTheBackendRefusesIsCloseCode4003() throws Exception {
    try (WsSession frank = join("ws-strict", "frank")) {
      frank.nextJson();

      frank.send("{\"text\":\"\"}");

      assertThat(frank.nextJson().path("error").path("message").asText())
          .isEqualTo("message 2: text: required");
      assertClose(frank.next(), 4003, "message 2: text: required");
    }
  }

  @Test
  void aFrameThatDoesNotBindIsCloseCode4003NamingTheMessage() throws Exception {
    try (WsSession gina = join("ws-unbound", "gina")) {
      gina.nextJson();

      gina.send("{\"colour\":\"red\"}");

      JsonNode error = gina.nextJson().path("error");
      assertThat(error.path("code").asInt()).isEqualTo(3);
      assertThat(error.path("message").asText()).startsWith("message 2: ").contains("colour");
      WsSession.Frame close = gina.next();
      assertThat(close.closeCode()).isEqualTo(4003);
      assertThat(close.reason()).startsWith("message 2: ");
    }
  }

  @Test
  void aBinaryFrameIsCloseCode1003() throws Exception {
    try (WsSession hal = join("ws-binary", "hal")) {
      hal.nextJson();

      hal.sendBinary(new byte[] {1, 2, 3});

      assertThat(hal.next().closeCode()).isEqualTo(1003);
    }
  }

  @Test
  void theTickerStreamsTextFramesThenClosesNormally() throws Exception {
    try (WsSession ticker = WsSession.open(h, "/v1/tickers/acme:watch?interval_ms=10&count=3")) {
      for (int sequence = 1; sequence <= 3; sequence++) {
        JsonNode quote = ticker.nextJson();
        assertThat(quote.path("symbol").asText()).isEqualTo("ACME");
        assertThat(quote.path("sequence").asText()).isEqualTo(String.valueOf(sequence));
      }
      assertClose(ticker.next(), 1000, "OK");
    }
  }

  @Test
  void aBadTickerRequestIsAnErrorFrameAndCloseCode4003() throws Exception {
    try (WsSession ticker = WsSession.open(h, "/v1/tickers/ACME:watch?count=-1")) {
      assertThat(ticker.nextJson().path("error").path("message").asText())
          .isEqualTo("count: must be between 0 and 1000000, got -1");
      assertClose(ticker.next(), 4003, "count: must be between 0 and 1000000, got -1");
    }
  }

  @Test
  void recordTakesOneQuotePerFrameAndAnswersWhenTheClientFinishes() throws Exception {
    try (WsSession record = WsSession.open(h, "/v1/tickers:record")) {
      record.send("{\"symbol\":\"ACME\",\"price\":2}")
          .send("{\"symbol\":\"ACME\",\"price\":4}")
          .send("");

      JsonNode summary = record.nextJson();
      assertThat(summary.path("count").asInt()).isEqualTo(2);
      assertThat(summary.path("symbols").get(0).path("high").asDouble()).isEqualTo(4);
      assertClose(record.next(), 1000, "OK");
    }
  }

  @Test
  void aUnaryRouteRefusesTheHandshake() throws Exception {
    Throwable refused = WsSession.refused(h, "/v1/shelves");

    assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode()).isEqualTo(400);
  }

  @Test
  void anUnknownPathRefusesTheHandshakeWith404() throws Exception {
    Throwable refused = WsSession.refused(h, "/v1/nothing:here");

    assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode()).isEqualTo(404);
  }

  @Test
  void aFrameThatIsNotJsonIsCloseCode4003NamingTheMessage() throws Exception {
    try (WsSession record = WsSession.open(h, "/v1/tickers:record")) {
      record.send("{\"symbol\":");

      JsonNode error = record.nextJson().path("error");
      assertThat(error.path("code").asInt()).isEqualTo(3);
      assertThat(error.path("message").asText()).startsWith("message 1: ");
      assertThat(record.next().closeCode()).isEqualTo(4003);
    }
  }
}
