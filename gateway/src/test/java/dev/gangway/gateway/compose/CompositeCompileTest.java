package dev.gangway.gateway.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotException;
import dev.gangway.gateway.testing.CompositeConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Composites compile when a snapshot is built; a bad one fails it, naming composite and call. */
class CompositeCompileTest {
  private static final Path CASES = Path.of("src/test/resources/compose/compile-cases.yaml");
  private static final String TARGET = "127.0.0.1:1";

  private final ChannelRegistry channels = new ChannelRegistry();
  private final DefaultSnapshotFactory factory = new DefaultSnapshotFactory(channels, List.of());

  @TempDir Path dir;

  @AfterEach
  void close() {
    channels.close();
  }

  private GatewayConfig config(String composite) throws Exception {
    String item = "  - " + composite.strip().replace("E.", "gangway.gwtest.v1.EchoService.")
        .replace("\n", "\n    ");
    return CompositeConfigs.load(Files.createTempDirectory(dir, "c"), TARGET, item);
  }

  @TestFactory
  Stream<DynamicTest> badCompositesFailTheSnapshotNamingCompositeAndCall() throws IOException {
    JsonNode table = new YAMLMapper().readTree(CASES.toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode row : table) {
      tests.add(dynamicTest(row.get("name").asText(), () -> {
        GatewayConfig config = config(row.get("composite").asText());
        assertThatThrownBy(() -> factory.build(config, 1))
            .isInstanceOf(SnapshotException.class)
            .hasMessage(row.get("error").asText());
      }));
    }
    return tests.stream();
  }

  @Test
  void goodCompositeCompilesIntoAPlanWithItsDependencies() throws Exception {
    GatewayConfig config = config(String.join("\n",
        "{name: page, method: GET, path: \"/v1/pages/{id}\", calls: {",
        "  list: {method: E.List, request: {n: \"{path.id}\"}},",
        "  each: {method: E.Echo, for_each: list.items, request: {text: \"{item.nested.text}\"}},",
        "  last: {method: E.Echo, request: {text: \"{list.count}/{each}\"}, timeout: 1s}},",
        "  response: {count: \"{list.count}\", texts: \"{each}\", missing: \"{partial}\"}}"));

    RuntimeSnapshot snapshot = factory.build(config, 1);

    CompositePlan plan = snapshot.composites().plans().get(0);
    assertThat(plan.describe()).isEqualTo("GET /v1/pages/{id}");
    assertThat(plan.calls()).extracting(CallPlan::name).containsExactly("list", "each", "last");
    assertThat(plan.calls().get(1).dependsOn()).containsExactly(0);
    assertThat(plan.calls().get(2).dependsOn()).containsExactly(0, 1);
    assertThat(plan.calls().get(2).cap()).hasSeconds(1);
    assertThat(plan.calls().get(0).cap()).as("the backend's timeout").hasSeconds(30);
  }

  @Test
  void fieldsMayBeNamedByProtoOrJsonName() throws Exception {
    GatewayConfig config = config(String.join("\n",
        "{name: page, method: GET, path: /v1/names, calls: {",
        "  h: {method: E.Headers, request: {fail_code: 0, echo: x}},",
        "  a: {method: E.Echo, request: {text: \"{h.deadline_ms}-{h.deadlineMs}\"}}}}"));

    assertThat(factory.build(config, 1).composites().plans()).hasSize(1);
  }
}
