package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.WebSocketConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which browser origins may open a WebSocket: none of another site's pages unless listed in
 * {@code websocket.allowed_origins}, always the gateway's own and non-browser clients.
 */
class GatewayWebSocketOriginIT {
  private static final String REFUSED = " is not allowed: only the gateway's own origin,"
      + " websocket.allowed_origins and the route's cors.allowed_origins may open WebSockets";

  @RegisterExtension final TestServers servers = new TestServers();

  private int port;

  private void gateway(Set<String> allowedOrigins) throws Exception {
    EchoBackend echo = servers.backend("echo");
    BackendConfig backend = TestConfigs.backend("echo", echo.target(), ECHO_SERVICE);
    port = servers.gateway(TestConfigs.config(backend).toBuilder()
        .webSocket(WebSocketConfig.DEFAULT.withAllowedOrigins(allowedOrigins))
        .build()).httpPort();
  }

  /** A valid opening handshake for the Chat route with these extra headers. */
  private RawHttp.Response upgrade(String host, String... extra) throws IOException {
    try (RawHttp raw = new RawHttp(port)) {
      List<String> head = new ArrayList<>(List.of("GET /v1/chat/lobby HTTP/1.1", "Host: " + host,
          "Upgrade: websocket", "Connection: Upgrade",
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
      head.addAll(List.of(extra));
      return raw.send(head, new byte[0]).read();
    }
  }

  private static void assertRefused(RawHttp.Response response, String origin) {
    assertThat(response.status()).isEqualTo(403);
    assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(7);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("WebSocket origin " + origin + REFUSED);
  }

  @Test
  void clientWithoutOriginIsNotABrowserAndMayConnect() throws Exception {
    gateway(Set.of());

    assertThat(upgrade("127.0.0.1:" + port).status()).isEqualTo(101);
  }

  @Test
  void pageServedByTheGatewayItselfMayConnect() throws Exception {
    gateway(Set.of());

    assertThat(upgrade("127.0.0.1:" + port, "Origin: http://127.0.0.1:" + port).status())
        .isEqualTo(101);
    assertThat(upgrade("Gateway.Example:" + port, "Origin: https://gateway.example:" + port)
        .status()).as("host names compare without case").isEqualTo(101);
  }

  @Test
  void otherSitesAreRefusedBeforeTheUpgrade() throws Exception {
    gateway(Set.of());

    assertRefused(upgrade("127.0.0.1:" + port, "Origin: https://evil.example"),
        "https://evil.example");
    assertRefused(upgrade("127.0.0.1:" + port, "Origin: http://127.0.0.1:1"),
        "http://127.0.0.1:1");
    assertRefused(upgrade("127.0.0.1:" + port, "Origin: null"), "null");
  }

  @Test
  void listedOriginsMayConnectAndOthersStillMayNot() throws Exception {
    gateway(Set.of("https://app.example.com", "http://localhost:3000"));

    assertThat(upgrade("127.0.0.1:" + port, "Origin: https://APP.example.com").status())
        .isEqualTo(101);
    assertThat(upgrade("127.0.0.1:" + port, "Origin: http://localhost:3000").status())
        .isEqualTo(101);
    assertRefused(upgrade("127.0.0.1:" + port, "Origin: https://app.example.com:8443"),
        "https://app.example.com:8443");
  }

  @Test
  void wildcardAllowsEveryOrigin() throws Exception {
    gateway(Set.of(WebSocketConfig.ANY));

    assertThat(upgrade("127.0.0.1:" + port, "Origin: https://evil.example").status())
        .isEqualTo(101);
    assertThat(upgrade("127.0.0.1:" + port, "Origin: null").status()).isEqualTo(101);
  }
}
