package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway that stops ends its open streams the way their clients understand, instead of cutting
 * the connections: NDJSON gets a terminal UNAVAILABLE error object, a WebSocket close 1001, and
 * both backend calls are cancelled.
 */
class GatewayShutdownIT {
  @RegisterExtension final TestServers servers = new TestServers();

  @Test
  void stoppingEndsOpenStreamsCleanlyAndCancelsTheirCalls() throws Exception {
    EchoBackend echo = servers.backend("echo");
    BackendConfig backend = TestConfigs.backend("echo", echo.target(), ECHO_SERVICE);
    GatewayServer gateway = servers.gateway(TestConfigs.config(backend));
    Http http = new Http(gateway.httpPort());

    // A server stream whose backend pauses after its first message, for as long as it takes.
    HttpResponse<Stream<String>> ndjson = http.send(
        http.request("/v1/count/3?tag=stopped&pause=true").build(),
        HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = ndjson.body().iterator();
    assertThat(lines.next()).isEqualTo("{\"text\":\"0\",\"server\":\"echo\"}");
    try (WsClient ws = WsClient.connect(gateway.httpPort(), "/v1/chat/lobby")) {
      ws.send("{\"text\":\"hi\",\"tag\":\"chatting\"}");
      assertThat(Http.json(ws.next().text()).get("text").asText()).startsWith("echo hi");

      gateway.close();

      assertThat(ws.next()).isEqualTo(WsClient.Event.close(1001, "the gateway is stopping"));
    }
    JsonNode last = Http.json(lines.next());
    assertThat(last.get("error").get("code").asInt()).isEqualTo(14);
    assertThat(last.get("error").get("message").asText()).isEqualTo("the gateway is stopping");
    assertThat(lines.hasNext()).isFalse();
    assertThat(echo.service().counts.cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("stopped");
    assertThat(echo.service().chats.cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("chatting");
  }
}
