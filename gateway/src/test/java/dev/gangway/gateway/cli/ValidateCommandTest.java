package dev.gangway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path tmp;
  Path sets;

  @BeforeEach
  void writeDescriptors() throws IOException {
    sets = Files.createDirectories(tmp.resolve("sets"));
    TestDescriptorSets.write(sets);
  }

  /**
   * Runs {@code args}; unless they name ports, with {@code --port 0 --admin-port 0}, so that the
   * bind check never depends on what else runs on this machine.
   */
  static CliRun validate(String... args) {
    List<String> all = new java.util.ArrayList<>(Arrays.asList(args));
    if (!all.contains("--port") && all.contains("validate")) {
      all.addAll(List.of("--port", "0", "--admin-port", "0"));
    }
    return CliRun.execute(CliRun.noLaunch(), all.toArray(String[]::new));
  }

  /** Output lines with runs of spaces collapsed, so tests do not depend on column widths. */
  static List<String> lines(String text) {
    return Arrays.stream(text.split("\n")).map(l -> l.strip().replaceAll(" +", " ")).toList();
  }

  @Test
  void printsEveryRouteWithItsBackendAndExitsZero() {
    CliRun run = validate("validate", "--descriptors", sets.toString(),
        "--backend", "gangway.test.*=localhost:50051", "--backend", "*=localhost:50052");

    assertThat(run.err()).isEmpty();
    assertThat(lines(run.out())).containsExactly(
        "3 routes, no problems",
        "routes (3):",
        "POST /gangway.other.Pings/Ping gangway.other.Pings/Ping cli-2",
        "POST /gangway.test.Shelves/GetShelf gangway.test.Shelves/GetShelf cli-1",
        "GET /v1/{name=shelves/*} gangway.test.Shelves/GetShelf cli-1");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void againstAnOlderSetListsWhatTheConfiguredOneBreaks() throws IOException {
    Path older = TestDescriptorSets.writeOlder(Files.createDirectories(tmp.resolve("older")));

    CliRun run = validate("validate", "--descriptors", sets.toString(), "--backend", "*=h:1",
        "--against", older.toString(), "--problems-only");

    assertThat(lines(run.out())).containsExactly(
        "3 routes, 3 problems (3 breaking changes)",
        "breaking changes (3):",
        "route removed: POST /gangway.other.Pings/Pong -> gangway.other.Pings.Pong (no route with"
            + " this method and template calls this gRPC method)",
        "method removed: gangway.other.Pings.Pong (not in the new descriptors)",
        "field number changed: gangway.test.Shelf.name (2 -> 1)");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void againstTheSameSetFindsNothing() {
    CliRun run = validate("validate", "--descriptors", sets.toString(), "--backend", "*=h:1",
        "--against", sets.toString(), "--problems-only");

    assertThat(lines(run.out())).containsExactly("3 routes, no problems");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void againstASetThatDoesNotLoadIsAProblem() throws IOException {
    Path junk = Files.writeString(tmp.resolve("junk.binpb"), "not a set");

    CliRun run = validate("validate", "--descriptors", sets.toString(), "--backend", "*=h:1",
        "--against", junk.toString(), "--problems-only");

    assertThat(lines(run.out())).contains("--against: " + junk.toAbsolutePath()
        + ": is not a binary FileDescriptorSet (protoc --descriptor_set_out writes one)");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void columnsAreAligned() {
    CliRun run = validate("validate", "--descriptors", sets.toString(), "--backend", "*=h:1");

    List<String> rows = Arrays.asList(run.out().split("\n")).subList(2, 5);
    assertThat(rows).extracting(r -> r.indexOf(" gangway.")).as("gRPC method column")
        .containsOnly(rows.get(0).indexOf(" gangway."));
  }

  @Test
  void aServicePatternThatMatchesNoLoadedServiceIsAProblem() {
    CliRun run = validate("validate", "--descriptors", sets.toString(),
        "--backend", "test.*=localhost:50051", "--backend", "*=localhost:50052");

    assertThat(lines(run.out())).contains("service patterns matching no service (1):",
        "backend cli-1: service pattern test.* matches no loaded service (loaded:"
            + " gangway.other.Pings, gangway.test.Shelves)");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void aPortThatCannotBeBoundIsAProblem() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun run = validate("validate", "--descriptors", sets.toString(), "--backend", "*=h:1",
          "--bind", "127.0.0.1", "--port", String.valueOf(port), "--admin-port", "-1");

      assertThat(lines(run.out())).contains("ports that cannot be bound (1):",
          "server.port: cannot listen on 127.0.0.1:" + port + " now: Address already in use");
      assertThat(run.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void aTargetWithAnHttpSchemeIsAConfigError() {
    CliRun run = validate("validate", "--descriptors", sets.toString(),
        "--backend", "*=http://localhost:50051");

    assertThat(run.err()).startsWith("config error: --backend: target \"http://localhost:50051\" has"
        + " scheme \"http\", which is not a gRPC target scheme");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void servicesWithoutBackendAreProblems() {
    CliRun run = validate("validate", "--descriptors", sets.toString(),
        "--backend", "gangway.test.Shelves=localhost:50051");

    assertThat(lines(run.out())).containsExactly(
        "3 routes, 1 problem (1 service without a backend)",
        "services without a backend (1):",
        "gangway.other.Pings: no backend serves this service (list it, its package.* or * in a"
            + " backend's services)",
        "routes (3):",
        "POST /gangway.other.Pings/Ping gangway.other.Pings/Ping (no backend)",
        "POST /gangway.test.Shelves/GetShelf gangway.test.Shelves/GetShelf cli-1",
        "GET /v1/{name=shelves/*} gangway.test.Shelves/GetShelf cli-1");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void descriptorProblemsAreListed() {
    Path missing = tmp.resolve("missing");

    CliRun run = validate("validate", "--descriptors", missing.toString());

    assertThat(lines(run.out())).containsExactly(
        "0 routes, 1 problem (1 descriptor set)",
        "descriptor sets (1):",
        missing + ": does not exist",
        "routes (0):");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void readsTheConfigFileWithPathsRelativeToIt() throws IOException {
    Path config = tmp.resolve("gangway.yaml");
    Files.writeString(config, String.join("\n",
        "descriptors: {paths: [sets/]}",
        "backends:",
        "  - {name: shelves, services: [gangway.test.Shelves], target: 'localhost:1'}",
        "  - {name: rest, services: ['*'], target: 'localhost:2'}",
        "routes:",
        "  - {method: gangway.test.Shelves.GetShelf, timeout: 1s}",
        "  - {method: gangway.test.Shelves.Missing, timeout: 1s}",
        "transcoding: {auto_mapping: false}",
        ""));

    CliRun run = validate("validate", "--config", config.toString());

    assertThat(lines(run.out())).containsExactly(
        "1 route, 1 problem (1 route setting)",
        "route settings (1):",
        "routes[1].method: gangway.test.Shelves.Missing is not a method of any loaded service",
        "routes (1):",
        "GET /v1/{name=shelves/*} gangway.test.Shelves/GetShelf shelves");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void compositesAreListedAndTheirProblemReported() throws IOException {
    Path config = tmp.resolve("gangway.yaml");
    String composites = String.join("\n",
        "descriptors: {paths: [sets/]}",
        "backends:",
        "  - {name: shelves, services: ['*'], target: 'localhost:1'}",
        "transcoding: {auto_mapping: false}",
        "composites:",
        "  - name: shelf_page",
        "    method: GET",
        "    path: /v1/shelf-pages/{id}",
        "    calls:",
        "      shelf: {method: gangway.test.Shelves.GetShelf,",
        "              request: {name: 'shelves/{path.id}'}}",
        "");
    Files.writeString(config, composites);

    CliRun good = validate("validate", "--config", config.toString());

    assertThat(lines(good.out())).contains(
        "GET /v1/shelf-pages/{id} composite shelf_page shelves", "2 routes, no problems");
    assertThat(good.exitCode()).isZero();

    Files.writeString(config, composites.replace("{path.id}", "{path.nope}"));
    CliRun bad = validate("validate", "--config", config.toString());

    assertThat(lines(bad.out())).contains("composite routes (1):",
        "composite \"shelf_page\", call \"shelf\": "
        + "request.name: {path.nope}: the path template /v1/shelf-pages/{id} has no variable "
        + "\"nope\"");
    assertThat(bad.exitCode()).isEqualTo(1);
  }

  @Test
  void invalidConfigExitsTwoWithOneLine() throws IOException {
    Path config = tmp.resolve("gangway.yaml");
    Files.writeString(config, "server: {prot: 8080}\n");

    CliRun run = validate("validate", "--config", config.toString());

    assertThat(run.err()).isEqualTo("config error: " + config
        + ": unknown key \"server.prot\" (known: bind, client_address_header, h2c, idle_timeout, io_threads, max_grpc_timeout,"
        + " max_header_size, max_request_body, port, read_timeout,"
        + " stream_format, stream_timeout, tls, trusted_proxies)\n");
    assertThat(run.out()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void invalidFlagExitsTwo() {
    CliRun run = validate("validate", "--backend", "nonsense");

    assertThat(run.err()).isEqualTo("config error: --backend: \"nonsense\" is not PATTERN=TARGET"
        + " (e.g. \"pkg.*=localhost:50051\")\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void flagsMayStandBeforeTheSubcommand() {
    CliRun run = validate("--descriptors", sets.toString(), "--backend", "*=localhost:1",
        "validate");

    assertThat(lines(run.out())).contains("3 routes, no problems");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void problemsOnlyLeavesTheRouteTableOut() {
    CliRun run = validate("validate", "--problems-only", "--descriptors", sets.toString(),
        "--backend", "gangway.test.Shelves=localhost:50051");

    assertThat(lines(run.out())).containsExactly(
        "3 routes, 1 problem (1 service without a backend)",
        "services without a backend (1):",
        "gangway.other.Pings: no backend serves this service (list it, its package.* or * in a"
            + " backend's services)");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void jsonHasTheSummaryTheProblemsByKindAndTheRoutes() throws IOException {
    CliRun run = validate("validate", "--format", "json", "--descriptors", sets.toString(),
        "--backend", "gangway.test.Shelves=localhost:50051");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.at("/summary/routes").asInt()).isEqualTo(3);
    assertThat(json.at("/summary/problems").asInt()).isEqualTo(1);
    assertThat(json.at("/summary/by_kind/no_backend").asInt()).isEqualTo(1);
    assertThat(json.at("/problems/0/kind").asText()).isEqualTo("no_backend");
    assertThat(json.at("/problems/0/message").asText()).startsWith("gangway.other.Pings: ");
    assertThat(json.at("/routes/2")).isEqualTo(new ObjectMapper().readTree(
        "{\"http_method\":\"GET\",\"template\":\"/v1/{name=shelves/*}\","
            + "\"grpc_method\":\"gangway.test.Shelves/GetShelf\","
            + "\"backend\":\"cli-1\"}"));
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void jsonProblemsOnlyHasNoRoutes() throws IOException {
    CliRun run = validate("validate", "--format=JSON", "--problems-only",
        "--descriptors", sets.toString(), "--backend", "*=localhost:1");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.has("routes")).isFalse();
    assertThat(json.at("/problems").size()).isZero();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliRun run = validate("validate", "--format", "yaml", "--descriptors", sets.toString());

    assertThat(run.err()).contains("'yaml' is not a format (text or json)");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void missingConfigFileIsAConfigError() {
    Path config = tmp.resolve("nope.yaml");

    CliRun run = validate("validate", "--config", config.toString());

    assertThat(run.err()).isEqualTo("config error: " + config + ": no such file\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
