package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.NodeClients;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real clients from npm, in Node: {@code @connectrpc/connect-node} (Connect proto and JSON,
 * gRPC-Web), {@code @connectrpc/connect-web} on Node's fetch (Connect JSON, gRPC-Web) and the
 * {@code grpc-web} package on XMLHttpRequest (text and binary), against a real gateway and a real
 * gRPC backend: unary, server streaming, errors with their codes, messages and details, deadlines,
 * headers and trailers. src/test/js/rpc-clients.mjs runs the cases, one JSON line each.
 */
class GatewayRpcClientsIT {
  @RegisterExtension static final TestServers servers = new TestServers();

  private static Map<String, JsonNode> results;

  @BeforeAll
  static void runClients() throws Exception {
    NodeClients.install();
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)));
    List<String> lines = NodeClients.node("rpc-clients.mjs",
        "http://127.0.0.1:" + gateway.httpPort(),
        TestConfigs.DESCRIPTORS.toAbsolutePath().toString());
    results = new LinkedHashMap<>();
    for (String line : lines) {
      JsonNode result = Http.json(line);
      results.put(result.get("case").asText(), result);
    }
  }

  private static JsonNode result(String name) {
    assertThat(results).as("the client ran case " + name).containsKey(name);
    return results.get(name);
  }

  private static final List<String> CONNECT_FAMILY = List.of("connect-node/proto",
      "connect-node/json", "connect-node/grpc-web", "connect-web/json", "connect-web/grpc-web");

  @Test
  void unaryCallsAnswerOverEveryClientAndProtocol() {
    for (String client : CONNECT_FAMILY) {
      assertThat(result(client + "/unary").toString()).as(client)
          .isEqualTo("{\"case\":\"" + client + "/unary\",\"text\":\"" + client + "\"}");
    }
    for (String format : List.of("text", "binary")) {
      assertThat(result("grpc-web/" + format + "/unary").get("text").asText())
          .isEqualTo("grpc-web/" + format);
    }
  }

  @Test
  void errorsKeepCodeMessageAndDetails() {
    for (String client : CONNECT_FAMILY) {
      JsonNode error = result(client + "/error").get("error");
      assertThat(error.get("code").asInt()).as(client).isEqualTo(5);
      assertThat(error.get("message").asText()).as(client).isEqualTo("no such shelf");
      assertThat(error.get("details").toString()).as(client).isEqualTo("[\"google.rpc.BadRequest\"]");
    }
    for (String format : List.of("text", "binary")) {
      JsonNode error = result("grpc-web/" + format + "/error").get("error");
      assertThat(error.get("code").asInt()).isEqualTo(9);
      assertThat(error.get("message").asText()).isEqualTo("not now");
    }
  }

  @Test
  void serverStreamsDeliverEveryMessageThenTheirEnd() {
    for (String client : CONNECT_FAMILY) {
      assertThat(result(client + "/stream").get("texts")).as(client).hasSize(3);
      JsonNode failed = result(client + "/streamError");
      assertThat(failed.get("texts")).as(client).hasSize(2);
      assertThat(failed.get("error").get("code").asInt()).as(client).isEqualTo(10);
    }
    assertThat(result("grpc-web/text/stream").get("texts")).hasSize(3);
    assertThat(result("grpc-web/text/stream").has("error")).isFalse();
  }

  @Test
  void clientDeadlinesReachTheGatewayAndEndTheCall() {
    for (String client : CONNECT_FAMILY) {
      assertThat(result(client + "/deadline").get("error").get("code").asInt()).as(client)
          .isEqualTo(4);
    }
  }

  @Test
  void backendHeadersAndTrailersReachTheClient() {
    for (String client : CONNECT_FAMILY) {
      JsonNode metadata = result(client + "/metadata");
      assertThat(metadata.get("header").asText()).as(client).isEqualTo("header-m");
      assertThat(metadata.get("trailer").asText()).as(client).isEqualTo("trailer-m");
      assertThat(metadata.get("server").asText()).as(client).isEqualTo("echo");
    }
  }
}
