package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.WsClient;
import dev.gangway.gateway.testing.WsClient.Event;
import io.grpc.ConnectivityState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Backends that cannot be reached, go away (mid-stream too) and come back, over HTTP and
 * WebSocket, and calls spread over several backend addresses.
 */
class GatewayFaultsIT {
  @RegisterExtension final TestServers servers = new TestServers();

  @Test
  void backendDownIs503AndTheGatewayRecoversWhenItReturns() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)));
    Http http = new Http(gateway.httpPort());
    assertThat(http.get("/v1/echo/before").statusCode()).isEqualTo(200);

    echo.stop();
    HttpResponse<String> down = http.get("/v1/echo/during");

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(Http.json(down.body()).get("code").asInt()).isEqualTo(14);
    // Usually our own words for a transport failure; a status grpc-java made without a cause
    // (e.g. after GOAWAY) keeps its description. Neither names the backend's address.
    assertThat(Http.json(down.body()).get("message").asText())
        .isNotBlank()
        .doesNotContain(echo.target());

    echo.restart();
    assertThat(pollUntilOk(http, "/v1/echo/after", Duration.ofSeconds(60)).body())
        .contains("\"after\"");
  }

  @Test
  void unreachableBackendAtStartIs503NotAFailedStart() throws Exception {
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", "127.0.0.1:1", ECHO_SERVICE)));

    HttpResponse<String> response = new Http(gateway.httpPort()).get("/v1/echo/x");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("backend \"echo\" is unavailable (calling gangway.gwtest.v1.EchoService/Echo)");
    assertThat(gateway.channels().states()).containsOnlyKeys("echo");
  }

  @Test
  void unreachableBackendIs503ForStreamsToo() throws Exception {
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", "127.0.0.1:1", ECHO_SERVICE)));
    Http http = new Http(gateway.httpPort());

    HttpResponse<String> serverStream = http.get("/v1/count/3");
    HttpResponse<String> clientStream = http.post("/v1/sum", "[{\"n\":1},{\"n\":2}]");

    assertThat(serverStream.statusCode()).isEqualTo(503);
    assertThat(Http.json(serverStream.body()).get("message").asText())
        .isEqualTo("backend \"echo\" is unavailable (calling gangway.gwtest.v1.EchoService/Count)");
    assertThat(clientStream.statusCode()).isEqualTo(503);
    assertThat(Http.json(clientStream.body()).get("message").asText())
        .isEqualTo("backend \"echo\" is unavailable (calling gangway.gwtest.v1.EchoService/Sum)");
  }

  @Test
  void unreachableBackendClosesAWebSocketWithUnavailable() throws Exception {
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", "127.0.0.1:1", ECHO_SERVICE)));

    // A stream whose request is path and query alone: the call starts (and fails) on open,
    // so the client need not send a frame the closing socket might refuse.
    try (WsClient ws = WsClient.connect(gateway.httpPort(), "/v1/count/3")) {
      String message =
          "backend \"echo\" is unavailable (calling gangway.gwtest.v1.EchoService/Count)";
      JsonNode error = errorFrame(ws.next());
      assertThat(error.get("code").asInt()).isEqualTo(14);
      assertThat(error.get("message").asText()).isEqualTo(message);
      assertThat(ws.next()).isEqualTo(Event.close(4014, message));
    }
  }

  @Test
  void backendThatDiesMidStreamEndsTheHttpStreamWithATerminalError() throws Exception {
    EchoBackend echo = servers.backend("echo");
    Http http = new Http(servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE))).httpPort());
    HttpResponse<Stream<String>> response = http.send(
        http.request("/v1/count/3?tag=dies&pause=true").build(),
        HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = response.body().iterator();
    assertThat(lines.next()).isEqualTo("{\"text\":\"0\",\"server\":\"echo\"}");

    echo.stop();

    JsonNode error = Http.json(lines.next()).get("error");
    // A stopping server resets its streams (CANCELLED); a lost connection is UNAVAILABLE.
    assertThat(error.get("code").asInt()).as("%s", error).isIn(1, 14);
    assertThat(error.get("message").asText()).isNotBlank().doesNotContain(echo.target());
    assertThat(lines.hasNext()).isFalse();
  }

  @Test
  void backendThatDiesMidStreamClosesTheWebSocketWithItsError() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)));
    try (WsClient ws = WsClient.connect(gateway.httpPort(), "/v1/count/3?tag=dies&pause=true")) {
      assertThat(Http.json(ws.next().text()).get("text").asText()).isEqualTo("0");

      echo.stop();

      JsonNode error = errorFrame(ws.next());
      // A stopping server resets its streams (CANCELLED); a lost connection is UNAVAILABLE.
      int code = error.get("code").asInt();
      assertThat(code).as("%s", error).isIn(1, 14);
      assertThat(error.get("message").asText()).isNotBlank().doesNotContain(echo.target());
      assertThat(ws.next().code()).isEqualTo(4000 + code);
    }
  }

  @Test
  void staticTargetSpreadsCallsOverItsAddressesRoundRobin() throws Exception {
    EchoBackend a = servers.backend("a");
    EchoBackend b = servers.backend("b");
    GatewayServer gateway = servers.gateway(TestConfigs.config(TestConfigs.backend(
        "pair", "static:///" + a.target() + "," + b.target(), ECHO_SERVICE)));
    Http http = new Http(gateway.httpPort());

    // round_robin only picks among connected addresses; both connect after the first calls.
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100 && seen.size() < 2; i++) {
      seen.add(server(http.get("/v1/echo/warm")));
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "b");

    String previous = server(http.get("/v1/echo/x"));
    for (int i = 0; i < 6; i++) {
      String next = server(http.get("/v1/echo/x"));
      assertThat(next).as("call %d after %s", i, previous).isNotEqualTo(previous);
      previous = next;
    }
  }

  @Test
  void pickFirstSendsEveryCallToOneAddress() throws Exception {
    EchoBackend a = servers.backend("a");
    EchoBackend b = servers.backend("b");
    BackendConfig pickFirst = new BackendConfig("pair", List.of("gangway.gwtest.v1.*"),
        "static:///" + a.target() + "," + b.target(), java.util.Optional.empty(),
        Duration.ofSeconds(30), 4 << 20, BackendConfig.LoadBalancing.PICK_FIRST,
        java.util.Optional.empty());
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.server(), List.of(pickFirst), List.of(), HeadersConfig.DEFAULT));
    Http http = new Http(gateway.httpPort());

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      seen.add(server(http.get("/v1/echo/x")));
    }
    assertThat(seen).hasSize(1);
  }

  private static JsonNode errorFrame(Event event) {
    assertThat(event.kind()).as("event %s", event).isEqualTo("text");
    JsonNode frame = Http.json(event.text());
    assertThat(frame.fieldNames()).toIterable().containsExactly("error");
    return frame.get("error");
  }

  private static String server(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response.body()).get("server").asText();
  }

  /** Polls (bounded) until the path answers 200: grpc-java reconnects with backoff. */
  private static HttpResponse<String> pollUntilOk(Http http, String path, Duration limit)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    HttpResponse<String> last;
    do {
      last = http.get(path);
      if (last.statusCode() == 200) {
        return last;
      }
      Thread.sleep(100); // polling interval, not a timing assumption
    } while (System.nanoTime() < end);
    throw new AssertionError("still " + last.statusCode() + " after " + limit + ": " + last.body());
  }
}
