package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * samples/demo/gangway.yaml agrees with the samples: it finds the descriptor set the build writes
 * and routes every sample service to the port SamplesMain uses. (The gateway's config loader
 * checks the rest of the file.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoConfigTest {

  private static final Path CONFIG =
      Path.of(System.getProperty("basedir", ".")).resolve("demo/gangway.yaml");

  private JsonNode config;

  @BeforeAll
  void read() throws Exception {
    config = new YAMLMapper().readTree(CONFIG.toFile());
  }

  @Test
  void descriptorPathResolvesFromTheConfigDirectoryToTheBuiltSet() throws Exception {
    JsonNode paths = config.path("descriptors").path("paths");
    assertThat(paths).hasSize(1);

    Path resolved = CONFIG.getParent().resolve(paths.get(0).asText()).normalize();

    assertThat(resolved.toRealPath()).isEqualTo(DescriptorSetTest.DESCRIPTOR_SET.toRealPath());
  }

  @Test
  void routesEverySampleServiceToItsDemoPort() {
    Map<String, String> targets = new HashMap<>();
    for (JsonNode backend : config.path("backends")) {
      for (JsonNode service : backend.path("services")) {
        targets.put(service.asText(), backend.path("target").asText());
      }
    }

    for (SampleBackend backend : SampleBackend.values()) {
      assertThat(targets).containsEntry(backend.serviceName(), "127.0.0.1:" + backend.demoPort());
    }
  }

  @Test
  void buildsASnapshotWithEveryRouteAndComposite() throws Exception {
    // The real loader and snapshot factory: strict keys, descriptor loading, composite compilation
    // (methods, references, field paths, cycles, conflicts). Channels are created but never used.
    GatewayConfig loaded =
        new ConfigLoader(Optional.of(CONFIG), CliOverrides.NONE, name -> null).load();
    try (ChannelRegistry channels = new ChannelRegistry()) {
      RuntimeSnapshot snapshot = new DefaultSnapshotFactory(channels, List.of()).build(loaded, 1);

      assertThat(snapshot.transcoder().problems()).isEmpty();
      assertThat(snapshot.transcoder().conflicts()).isEmpty();
      assertThat(snapshot.composites().plans())
          .extracting(CompositePlan::name)
          .containsExactly("product_page", "product_summary");
    }
  }

  @Test
  void listensOnTheDemoPorts() {
    assertThat(config.path("server").path("port").asInt()).isEqualTo(8080);
    assertThat(config.path("admin").path("port").asInt()).isEqualTo(9090);
    assertThat(config.path("admin").path("bind").asText()).isEqualTo("127.0.0.1");
  }
}
