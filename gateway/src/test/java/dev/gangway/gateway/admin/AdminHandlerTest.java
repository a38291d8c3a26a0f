package dev.gangway.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reload.ReloadStatus;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestDescriptorSets;
import dev.gangway.gateway.testing.TestSnapshots;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every admin endpoint over real HTTP. */
class AdminHandlerTest {
  private static final GatewayConfig CONFIG = TestConfigs.reloading(
      List.of(Path.of("descriptors")), true, Duration.ofSeconds(2),
      List.of(TestConfigs.unreachableBackend("shelves", "test.a.*"), TestConfigs.unreachableBackend("rest", "*")));

  private final Map<String, String> states = new ConcurrentHashMap<>(
      Map.of("shelves", "READY", "rest", "IDLE"));
  private final ReloadStatus reloads = new ReloadStatus();
  private final SnapshotHolder holder = new SnapshotHolder(snapshot(
      DescriptorSource.bytes("shelves.binpb", TestDescriptorSets.shelvesWithRivals("test.a", "v1")),
      DescriptorSource.bytes("broken.binpb", "garbage".getBytes(StandardCharsets.UTF_8))));
  private final AdminTestServer server =
      new AdminTestServer(new AdminHandler(holder, () -> Map.copyOf(states), reloads));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersOnlyRequestsAddressedToAnIpAddressOrLocalhost() throws Exception {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example.
    for (String host : new String[] {"evil.example", "evil.example:9090", "10"}) {
      try (dev.gangway.gateway.testing.RawHttp raw =
          new dev.gangway.gateway.testing.RawHttp(server.port())) {
        dev.gangway.gateway.testing.RawHttp.Response response = raw.send(java.util.List.of(
            "GET /admin/status HTTP/1.1", "Host: " + host, "Connection: close"),
            new byte[0]).read();

        assertThat(response.status()).as(host).isEqualTo(403);
        assertThat(response.body()).as(host).contains(
            "admin: answers only requests addressed to an IP address or localhost");
      }
    }
    for (String host : new String[] {"127.0.0.1:1", "localhost:9090", "[::1]:9090", "10.0.0.7"}) {
      try (dev.gangway.gateway.testing.RawHttp raw =
          new dev.gangway.gateway.testing.RawHttp(server.port())) {
        assertThat(raw.send(java.util.List.of("GET /healthz HTTP/1.1", "Host: " + host,
            "Connection: close"), new byte[0]).read().status()).as(host).isEqualTo(200);
      }
    }
  }

  @Test
  void healthzAnswersOk() throws Exception {
    AdminTestServer.Reply reply = server.get("/healthz");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("status").asText()).isEqualTo("ok");
    assertThat(reply.raw().headers().firstValue("content-type")).hasValue("application/json");
  }

  @Test
  void readyzIsReadyWhenEveryNeededBackendIsReadyOrIdle() throws Exception {
    AdminTestServer.Reply reply = server.get("/readyz");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("status").asText()).isEqualTo("ready");
    assertThat(reply.json().get("backends").toString()).isEqualTo("{\"shelves\":\"READY\"}");
  }

  @Test
  void readyzIsUnavailableWhileABackendIsInTransientFailure() throws Exception {
    states.put("shelves", "TRANSIENT_FAILURE");

    AdminTestServer.Reply reply = server.get("/readyz");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(texts(reply.json().get("reasons")))
        .containsExactly("backend shelves is TRANSIENT_FAILURE");
  }

  @Test
  void readyzIsUnavailableForABackendWithoutChannel() throws Exception {
    states.clear();

    AdminTestServer.Reply reply = server.get("/readyz");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(texts(reply.json().get("reasons")))
        .containsExactly("backend shelves has no channel");
  }

  @Test
  void readyzIsUnavailableWhenNoRouteHasABackend() throws Exception {
    GatewayConfig unmatched = TestConfigs.reloading(List.of(Path.of("descriptors")), true,
        Duration.ofSeconds(2), List.of(TestConfigs.unreachableBackend("lib", "example.library.*")));
    Transcoder transcoder = Transcoder.build(DescriptorLoader.load(List.of(DescriptorSource.bytes(
        "shelves.binpb", TestDescriptorSets.shelvesWithRivals("test.a", "v1")))),
        unmatched.transcoding());
    holder.swap(TestSnapshots.of(unmatched, transcoder,
        BackendBindings.build(unmatched, transcoder, CHANNELS), 2, Instant.now()));

    AdminTestServer.Reply reply = server.get("/readyz");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(texts(reply.json().get("reasons"))).containsExactly("no route has a backend:"
        + " every call would answer 503 (check the backends' service patterns against the loaded"
        + " services; gangway validate lists them)");
  }

  @Test
  void readyzIsUnavailableWithoutRoutes() throws Exception {
    holder.swap(snapshot());

    AdminTestServer.Reply reply = server.get("/readyz");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(texts(reply.json().get("reasons")))
        .containsExactly("no routes loaded (generation 1)");
  }

  @Test
  void routesListEveryRouteWithItsBackendAndEveryConflictAndProblem() throws Exception {
    AdminTestServer.Reply reply = server.get("/admin/routes");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode getShelf = find(reply.json().get("routes"), "template", "/v1/{name=shelves/*}");
    assertThat(getShelf.toString()).isEqualTo("{\"httpMethod\":\"GET\",\"template\":"
        + "\"/v1/{name=shelves/*}\",\"grpcMethod\":\"test.a.Shelves/GetShelf\",\"backend\":"
        + "\"shelves\",\"origin\":\"annotation\",\"body\":\"\",\"responseBody\":\"\","
        + "\"streaming\":\"unary\",\"access\":{\"rule\":\"access.default\",\"require\":"
        + "\"public\",\"rateLimits\":[]}}");
    JsonNode create = find(reply.json().get("routes"), "template", "/v1/shelves");
    assertThat(create.get("body").asText()).isEqualTo("shelf");
    assertThat(reply.json().get("routes").findValuesAsText("origin")).contains("auto_mapping");
    JsonNode conflict = reply.json().get("conflicts").get(0);
    assertThat(conflict.get("loser").asText())
        .isEqualTo("test.a.Shelves.FindShelf (GET /v1/{name=shelves/*})");
    assertThat(conflict.get("winner").asText())
        .isEqualTo("test.a.Shelves.GetShelf (GET /v1/{name=shelves/*})");
    assertThat(reply.json().get("problems").get(0).get("subject").asText())
        .isEqualTo("broken.binpb");
  }

  @Test
  void statusShowsSourcesProblemsBackendsAndReloads() throws Exception {
    reloads.recordInitial(holder.current());
    reloads.recordFailure("descriptors: d/a.binpb: is not a binary FileDescriptorSet",
        Instant.parse("2025-01-02T03:04:05Z"));

    AdminTestServer.Reply reply = server.get("/admin/status");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.get("generation").asLong()).isEqualTo(1);
    assertThat(json.get("builtAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(texts(json.get("descriptorSources"))).containsExactly("shelves.binpb");
    assertThat(json.get("problems").get(0).get("subject").asText()).isEqualTo("broken.binpb");
    assertThat(json.get("backends").toString())
        .isEqualTo("{\"rest\":\"IDLE\",\"shelves\":\"READY\"}");
    assertThat(json.get("watch").toString())
        .isEqualTo("{\"enabled\":true,\"pollInterval\":\"2s\",\"paths\":[\"descriptors\"]}");
    assertThat(json.get("reloads").toString()).isEqualTo("{\"count\":0,\"failures\":1,"
        + "\"lastSuccess\":null,\"lastFailure\":{\"at\":\"2025-01-02T03:04:05Z\",\"message\":"
        + "\"descriptors: d/a.binpb: is not a binary FileDescriptorSet\"},"
        + "\"lastAttemptFailed\":true,\"restartRequired\":[],\"breakingChanges\":null}");
  }

  @Test
  void statusShowsTheLastBreakingChanges() throws Exception {
    reloads.recordBreakingChanges(new ReloadStatus.BreakingReport(
        Instant.parse("2025-01-02T03:04:05Z"), 1, true,
        List.of("field number changed: test.a.Shelf.name (1 -> 2)")));

    JsonNode json = server.get("/admin/status").json();

    assertThat(json.get("reloads").get("breakingChanges").toString()).isEqualTo(
        "{\"at\":\"2025-01-02T03:04:05Z\",\"servedGeneration\":1,\"refused\":true,"
            + "\"changes\":[\"field number changed: test.a.Shelf.name (1 -> 2)\"]}");
  }

  @Test
  void explainShowsTheRouteBindingPathVariablesAndRejectedQueryParameters() throws Exception {
    AdminTestServer.Reply reply = explain("GET", "/v1/shelves/7?view=2&tags=a&tags=b&colour=red");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.get("result").asText()).isEqualTo("matched");
    assertThat(json.get("route").get("grpcMethod").asText()).isEqualTo("test.a.Shelves/GetShelf");
    assertThat(json.get("why").asText())
        .isEqualTo("the only route for GET whose template matches this path");
    assertThat(json.get("pathVariables").toString()).isEqualTo("{\"name\":\"shelves/7\"}");
    assertThat(json.get("binding").get("inputType").asText()).isEqualTo("test.a.GetShelfRequest");
    assertThat(json.get("binding").get("rule").asText()).isEqualTo("GET /v1/{name=shelves/*}");
    assertThat(json.get("queryParameters").toString()).isEqualTo("["
        + "{\"name\":\"view\",\"outcome\":\"accepted\"},"
        + "{\"name\":\"tags\",\"outcome\":\"accepted\"},"
        + "{\"name\":\"colour\",\"outcome\":\"rejected\",\"problem\":"
        + "\"unknown query parameter \\\"colour\\\" (the gateway answers 400)\"}]");
    assertThat(texts(json.get("shadowed"))).containsExactly(
        "GET /v1/{name=shelves/*}: test.a.Shelves.FindShelf (GET /v1/{name=shelves/*}) is not"
            + " served; test.a.Shelves.GetShelf (GET /v1/{name=shelves/*}) matches the same"
            + " requests and takes precedence");
  }

  @Test
  void explainNamesTheMoreSpecificRouteAmongSeveralThatMatch() throws Exception {
    AdminTestServer.Reply reply = explain("GET", "/v1/files/top");

    JsonNode json = reply.json();
    assertThat(json.get("route").get("grpcMethod").asText())
        .isEqualTo("test.a.Shelves/GetTopFile");
    assertThat(json.get("why").asText()).startsWith("2 routes match this path under GET; "
        + "segments are compared left to right; a literal beats '*'");
    assertThat(json.get("candidates").toString()).contains(
        "{\"route\":\"GET /v1/files/top -> test.a.Shelves.GetTopFile\",\"methodMatches\":true,"
            + "\"served\":true}",
        "{\"route\":\"GET /v1/files/{name=**} -> test.a.Shelves.GetFile\",\"methodMatches\":true,"
            + "\"served\":false}");
  }

  @Test
  void explainKeepsDeepWildcardCapturesRaw() throws Exception {
    JsonNode json = explain("GET", "/v1/files/a/b%2Fc/d").json();

    assertThat(json.get("route").get("grpcMethod").asText()).isEqualTo("test.a.Shelves/GetFile");
    assertThat(json.get("pathVariables").toString()).isEqualTo("{\"name\":\"a/b%2Fc/d\"}");
    assertThat(texts(json.get("binding").get("pathBindings")))
        .containsExactly("{name=**} -> name (multi-segment: %2F stays encoded)");
  }

  @Test
  void explainShowsTheBodyMapping() throws Exception {
    JsonNode json = explain("POST", "/v1/shelves").json();

    assertThat(json.get("route").get("grpcMethod").asText())
        .isEqualTo("test.a.Shelves/CreateShelf");
    assertThat(json.get("binding").get("body").asText()).contains("shelf");
  }

  @Test
  void explainReportsMethodNotAllowedWithTheAllowedMethods() throws Exception {
    JsonNode json = explain("DELETE", "/v1/shelves/7").json();

    assertThat(json.get("result").asText()).isEqualTo("methodNotAllowed");
    assertThat(texts(json.get("allowed"))).containsExactly("GET");
    assertThat(json.get("why").asText()).isEqualTo(
        "routes match this path, but none under DELETE; allowed: GET (the gateway answers 405)");
  }

  @Test
  void explainReportsNotFound() throws Exception {
    JsonNode json = explain("GET", "/v2/nothing").json();

    assertThat(json.get("result").asText()).isEqualTo("notFound");
    assertThat(json.has("route")).isFalse();
  }

  @Test
  void explainWithoutPathIsABadRequestWithAStatusBody() throws Exception {
    AdminTestServer.Reply reply = server.get("/admin/explain?method=GET");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("code").asInt()).isEqualTo(3);
    assertThat(reply.json().get("message").asText())
        .startsWith("missing query parameter \"path\"");
  }

  @Test
  void unknownAdminPathIsNotFound() throws Exception {
    AdminTestServer.Reply reply = server.get("/admin/nope");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("code").asInt()).isEqualTo(5);
    assertThat(reply.json().get("message").asText()).startsWith("no admin endpoint /admin/nope");
    assertThat(reply.json().get("message").asText()).endsWith("; the endpoints are /healthz,"
        + " /readyz, /metrics, /admin/routes, /admin/status, /admin/explain, /admin/drift");
  }

  @Test
  void adminEndpointsAnswerOnlyGet() throws Exception {
    AdminTestServer.Reply reply = server.send("POST", "/admin/status");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.raw().headers().firstValue("allow")).hasValue("GET");
    assertThat(reply.json().get("code").asInt()).isEqualTo(12);
  }

  private AdminTestServer.Reply explain(String method, String target) throws Exception {
    return server.get("/admin/explain?method=" + method + "&path="
        + URLEncoder.encode(target, StandardCharsets.UTF_8));
  }

  /** Channels to the test backends' targets: created lazily by grpc-java, never connected. */
  private static final ChannelRegistry CHANNELS = new ChannelRegistry();

  @org.junit.jupiter.api.AfterAll
  static void closeChannels() {
    CHANNELS.close();
  }

  private static BackendBindings bindings(Transcoder transcoder) {
    try {
      return BackendBindings.build(CONFIG, transcoder, CHANNELS);
    } catch (dev.gangway.gateway.backend.BackendSetupException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RuntimeSnapshot snapshot(DescriptorSource... sources) {
    Transcoder transcoder = Transcoder.build(
        DescriptorLoader.load(List.of(sources)), CONFIG.transcoding());
    return TestSnapshots.of(CONFIG, transcoder, bindings(transcoder), 1,
        Instant.parse("2025-01-01T00:00:00Z"));
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (node.get(field).asText().equals(value)) {
        return node;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value + " in " + array);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
