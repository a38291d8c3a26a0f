package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming routes through the real gateway, over HTTP and WebSocket, with a backend nobody
 * listens on (the Live target points at a free port). The unary counterpart is in
 * {@link ErrorMappingIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingFaultsIT {
  private static final String UNAVAILABLE = "backend \"live\" is unavailable (calling ";

  private static int deadPort;

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension(options -> {
    deadPort = Net.freePort();
    options.env(Map.of("LIVE", "127.0.0.1:" + deadPort));
  });

  @Test
  void serverStreamToADeadBackendIs503BeforeAnyMessage() {
    JsonNode status = Json.error(h.get("/v1/tickers/ACME:watch?count=1"), 503, Code.UNAVAILABLE);

    assertThat(status.path("message").asText())
        .isEqualTo(UNAVAILABLE + "gangway.samples.live.v1.Live/WatchTicker)");
    assertThat(status.toString()).doesNotContain(Integer.toString(deadPort));
  }

  @Test
  void uploadToADeadBackendIs503() {
    HttpResponse<String> response = h.send(h.request("/v1/tickers:record")
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"ACME\",\"price\":1}\n"))
        .build());

    JsonNode status = Json.error(response, 503, Code.UNAVAILABLE);
    assertThat(status.path("message").asText())
        .isEqualTo(UNAVAILABLE + "gangway.samples.live.v1.Live/RecordQuotes)");
  }

  @Test
  void webSocketToADeadBackendIsAnErrorFrameAndCloseCode4014() throws Exception {
    // The call starts when the connection opens, so it fails without a message; sending one
    // would race the gateway's close.
    try (WsSession chat = WsSession.open(h, "/v1/rooms/down/messages:chat")) {
      JsonNode error = chat.nextJson().path("error");
      assertThat(error.path("code").asInt()).isEqualTo(Code.UNAVAILABLE.getNumber());
      assertThat(error.path("message").asText())
          .isEqualTo(UNAVAILABLE + "gangway.samples.live.v1.Live/Chat)");
      WsSession.Frame close = chat.next();
      assertThat(close.closeCode()).as("close frame %s", close).isEqualTo(4014);
    }
  }
}
