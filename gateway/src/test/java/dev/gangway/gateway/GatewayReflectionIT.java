package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ReflectionConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.ReflectingBackend;
import dev.gangway.gateway.testing.ReflectingBackend.Reflection;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend as the source of its own descriptors, end to end: real grpc-java servers with
 * {@code ProtoReflectionService} on 127.0.0.1, the real gateway fetching at start and on its
 * schedule, merging with dropped-in files, and reporting on {@code /admin/status} and
 * {@code /admin/drift}.
 */
class GatewayReflectionIT {
  private static final String ORPHAN_SERVICE = "gangway.gwtest.v1.OrphanService";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private static ReflectionConfig reflection(Duration refresh) {
    return new ReflectionConfig(true, refresh, Duration.ofSeconds(10), 1000, 16 << 20);
  }

  private static BackendConfig reflecting(String name, String target, Duration refresh,
      String... services) {
    return TestConfigs.backend(name, target, services).withReflection(reflection(refresh));
  }

  /** The descriptors in {@code files} (an empty directory when none), these backends. */
  private GatewayServer gateway(List<Path> files, BackendConfig... backends) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("descriptors"));
    GatewayConfig config = TestConfigs.config(backends).toBuilder()
        .admin(new AdminConfig("127.0.0.1", 0))
        .descriptors(new DescriptorsConfig(files.isEmpty() ? List.of(empty) : files, false,
            Duration.ofSeconds(2)))
        .build();
    return servers.gateway(config);
  }

  private static JsonNode admin(GatewayServer gateway, String path) {
    return Http.json(new Http(gateway.adminPort().orElseThrow()).get(path).body());
  }

  private static JsonNode reflectionOf(GatewayServer gateway, String backend) {
    for (JsonNode entry : admin(gateway, "/admin/status").get("reflection")) {
      if (entry.get("backend").asText().equals(backend)) {
        return entry;
      }
    }
    throw new AssertionError("no reflection entry for " + backend);
  }

  @Test
  void withAnEmptyDescriptorsDirectoryTheBackendsOwnDescriptorsServeItsRoutes() throws Exception {
    ReflectingBackend backend = servers.own(ReflectingBackend.start(Reflection.V1));

    GatewayServer gateway = gateway(List.of(),
        reflecting("echo", backend.target(), Duration.ofMinutes(5), ECHO_SERVICE));

    assertThat(new Http(gateway.httpPort()).get("/v1/echo/reflected").body())
        .contains("\"text\":\"reflected\"");
    JsonNode status = reflectionOf(gateway, "echo");
    assertThat(status.get("protocol").asText()).isEqualTo("grpc.reflection.v1");
    assertThat(status.get("error").isNull()).isTrue();
    assertThat(status.get("services").toString()).isEqualTo("[\"" + ECHO_SERVICE + "\"]");
    assertThat(admin(gateway, "/admin/status").get("descriptorSources").toString())
        .contains("reflection:echo");
  }

  @Test
  void aRefreshPicksUpWhatTheBackendServesNow() throws Exception {
    ReflectingBackend backend = servers.own(ReflectingBackend.start(Reflection.V1));
    GatewayServer gateway = gateway(List.of(),
        reflecting("echo", backend.target(), Duration.ofMillis(200), "gangway.gwtest.v1.*"));
    Http http = new Http(gateway.httpPort());
    assertThat(http.get("/v1/orphan/hello").statusCode()).isEqualTo(404);
    long generation = gateway.snapshots().current().generation();

    backend.addOrphanService();

    Await.until("the route of the service the backend serves now",
        () -> http.get("/v1/orphan/hello").statusCode() == 200,
        () -> http.get("/v1/orphan/hello").body());
    assertThat(http.get("/v1/orphan/hello").body()).contains("\"text\":\"pong: hello\"");
    assertThat(gateway.snapshots().current().generation()).isGreaterThan(generation);
    assertThat(http.get("/v1/echo/still").body()).contains("\"text\":\"still\"");
  }

  @Test
  void aV1AlphaOnlyBackendServesToo() throws Exception {
    ReflectingBackend backend = servers.own(ReflectingBackend.start(Reflection.V1ALPHA));

    GatewayServer gateway = gateway(List.of(),
        reflecting("echo", backend.target(), Duration.ofMinutes(5), ECHO_SERVICE));

    assertThat(new Http(gateway.httpPort()).get("/v1/echo/alpha").body())
        .contains("\"text\":\"alpha\"");
    assertThat(reflectionOf(gateway, "echo").get("protocol").asText())
        .isEqualTo("grpc.reflection.v1alpha");
  }

  @Test
  void aBackendWithoutReflectionIsAClearProblemAndTheOtherRoutesServe() throws Exception {
    ReflectingBackend echo = servers.own(ReflectingBackend.start(Reflection.V1));
    ReflectingBackend mute = servers.own(ReflectingBackend.start(Reflection.NONE));

    GatewayServer gateway = gateway(List.of(),
        reflecting("echo", echo.target(), Duration.ofMinutes(5), ECHO_SERVICE),
        reflecting("mute", mute.target(), Duration.ofMinutes(5), ORPHAN_SERVICE));

    assertThat(new Http(gateway.httpPort()).get("/v1/echo/served").body())
        .contains("\"text\":\"served\"");
    JsonNode status = reflectionOf(gateway, "mute");
    assertThat(status.get("error").asText()).isEqualTo("the backend serves neither"
        + " [grpc.reflection.v1.ServerReflection, grpc.reflection.v1alpha.ServerReflection]"
        + " (UNIMPLEMENTED): it does not implement server reflection");
    assertThat(status.get("protocol").isNull()).isTrue();
  }

  @Test
  void aFailedRefreshKeepsTheServedRoutesAndShowsOnStatus() throws Exception {
    ReflectingBackend backend = servers.own(ReflectingBackend.start(Reflection.V1));
    GatewayServer gateway = gateway(List.of(),
        reflecting("echo", backend.target(), Duration.ofMillis(200), ECHO_SERVICE));
    Http http = new Http(gateway.httpPort());
    assertThat(http.get("/v1/echo/before").statusCode()).isEqualTo(200);

    backend.close();

    Await.until("the failed refresh on /admin/status",
        () -> !reflectionOf(gateway, "echo").get("error").isNull(),
        () -> reflectionOf(gateway, "echo"));
    JsonNode status = reflectionOf(gateway, "echo");
    assertThat(status.get("error").asText())
        .startsWith("grpc.reflection.v1.ServerReflection: UNAVAILABLE");
    // What it served before is kept: the route is still there (the call itself fails, 503).
    assertThat(status.get("protocol").asText()).isEqualTo("grpc.reflection.v1");
    assertThat(http.get("/v1/echo/after").statusCode()).isEqualTo(503);
  }

  @Test
  void droppedInFilesWinAndTheirDriftFromTheBackendIsReported() throws Exception {
    Path file = ReflectingBackend.writeDriftedCopy(dir.resolve("echo.binpb"));
    ReflectingBackend backend = servers.own(ReflectingBackend.start(Reflection.V1));

    GatewayServer gateway = gateway(List.of(file),
        reflecting("echo", backend.target(), Duration.ofMinutes(5), ECHO_SERVICE));

    JsonNode drift = admin(gateway, "/admin/drift");
    assertThat(drift.get("generation").asLong()).isEqualTo(1);
    JsonNode echo = drift.get("backends").get(0);
    assertThat(echo.get("backend").asText()).isEqualTo("echo");
    List<String> differences = new ArrayList<>();
    echo.get("drift").get("differences").forEach(d -> differences.add(d.asText()));
    assertThat(differences).containsExactly(
        "method removed: gangway.gwtest.v1.EchoService.Ghost (the backend does not serve this"
            + " method)",
        "field number changed: gangway.gwtest.v1.EchoRequest.text (7 -> 1)");
    assertThat(echo.get("drift").get("undeclared").size()).isZero();
    // The files win: the route binds the operator's field number, which the backend ignores.
    String body = new Http(gateway.httpPort()).get("/v1/echo/mine").body();
    assertThat(body).doesNotContain("mine");
    assertThat(admin(gateway, "/admin/status").get("descriptorSources").toString())
        .doesNotContain("reflection:echo");
  }

  @Test
  void aBackendDownAtStartIsFetchedOnTheScheduleAndItsRoutesAppear() throws Exception {
    int port;
    try (ReflectingBackend reserved = ReflectingBackend.start(Reflection.NONE)) {
      port = reserved.port();
    }
    GatewayServer gateway = gateway(List.of(),
        reflecting("echo", "127.0.0.1:" + port, Duration.ofMillis(200), ECHO_SERVICE));
    Http http = new Http(gateway.httpPort());
    assertThat(http.get("/v1/echo/later").statusCode()).isEqualTo(404);
    assertThat(reflectionOf(gateway, "echo").get("error").asText())
        .startsWith("grpc.reflection.v1.ServerReflection: UNAVAILABLE");

    servers.own(ReflectingBackend.start(Reflection.V1, port));

    Await.until("the routes of the backend's descriptors, fetched on the schedule",
        () -> http.get("/v1/echo/later").statusCode() == 200,
        () -> http.get("/v1/echo/later").body());
    assertThat(reflectionOf(gateway, "echo").get("error").isNull()).isTrue();
  }

  @Test
  void aConfigReloadThatTurnsReflectionOnFetchesAtOnce() throws Exception {
    ReflectingBackend echo = servers.own(ReflectingBackend.start(Reflection.V1));
    ReflectingBackend orphans = servers.own(ReflectingBackend.start(Reflection.V1));
    orphans.addOrphanService();
    Path empty = Files.createDirectories(dir.resolve("descriptors"));
    GatewayConfig before = TestConfigs.config(
            reflecting("echo", echo.target(), Duration.ofMinutes(5), ECHO_SERVICE),
            TestConfigs.backend("orphans", orphans.target(), ORPHAN_SERVICE)).toBuilder()
        .admin(new AdminConfig("127.0.0.1", 0))
        .descriptors(new DescriptorsConfig(List.of(empty), false, Duration.ofSeconds(2)))
        .build();
    AtomicReference<GatewayConfig> current = new AtomicReference<>(before);
    GatewayServer gateway = servers.own(GatewayServer.start(new ConfigSource() {
      @Override
      public GatewayConfig load() {
        return current.get();
      }

      @Override
      public Optional<Path> file() {
        return Optional.empty();
      }
    }));
    Http http = new Http(gateway.httpPort());
    assertThat(http.get("/v1/orphan/on").statusCode()).isEqualTo(404);

    current.set(before.toBuilder().backends(List.of(before.backends().get(0),
        reflecting("orphans", orphans.target(), Duration.ofMinutes(5), ORPHAN_SERVICE))).build());
    gateway.reloadNow();

    Await.until("the routes of the backend whose reflection a reload turned on",
        () -> http.get("/v1/orphan/on").statusCode() == 200,
        () -> http.get("/v1/orphan/on").body());
    assertThat(http.get("/v1/orphan/on").body()).contains("\"text\":\"pong: on\"");

    // Turned off again: no longer fetched, and gone from /admin/status.
    current.set(before);
    gateway.reloadNow();

    List<String> reflecting = new ArrayList<>();
    admin(gateway, "/admin/status").get("reflection")
        .forEach(entry -> reflecting.add(entry.get("backend").asText()));
    assertThat(reflecting).containsExactly("echo");
  }
}
