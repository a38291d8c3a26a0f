package dev.gangway.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultSnapshotFactoryTest {
  private final ChannelRegistry channels = new ChannelRegistry();
  private final DefaultSnapshotFactory factory = new DefaultSnapshotFactory(channels, List.of());

  @AfterEach
  void close() {
    channels.close();
  }

  @Test
  void buildsASnapshotFromConfiguredDescriptorsAndBackends() throws Exception {
    GatewayConfig config =
        TestConfigs.config(TestConfigs.backend("echo", "127.0.0.1:7001", TestConfigs.ECHO_SERVICE));

    RuntimeSnapshot snapshot = factory.build(config, 3);

    assertThat(snapshot.generation()).isEqualTo(3);
    assertThat(snapshot.config()).isSameAs(config);
    assertThat(snapshot.transcoder().routes()).isNotEmpty();
    assertThat(snapshot.transcoder().problems()).isEmpty();
    assertThat(snapshot.backends().backendFor(TestConfigs.ECHO_SERVICE)).hasValue("echo");
    assertThat(channels.size()).isEqualTo(1);
  }

  @Test
  void rebuildingReusesTheChannel() throws Exception {
    GatewayConfig config =
        TestConfigs.config(TestConfigs.backend("echo", "127.0.0.1:7001", TestConfigs.ECHO_SERVICE));

    factory.build(config, 1);
    factory.build(config, 2);

    assertThat(channels.size()).isEqualTo(1);
  }

  @Test
  void unusableBackendFailsTheSnapshotNamingBackendAndFile(@TempDir Path dir) {
    Path missing = dir.resolve("missing-ca.pem");
    BackendConfig secure = new BackendConfig("secure", List.of("*"), "127.0.0.1:7443",
        Optional.of(new BackendConfig.TlsConfig(
            Optional.of(missing), Optional.empty(), Optional.empty(), Optional.empty())),
        Duration.ofSeconds(5), 4 << 20, BackendConfig.LoadBalancing.ROUND_ROBIN, Optional.empty());

    assertThatThrownBy(() -> factory.build(TestConfigs.config(secure), 1))
        .isInstanceOf(SnapshotException.class)
        .hasMessage("backend \"secure\": tls.caFile " + missing + " cannot be read");
  }

  @Test
  void noLoadableDescriptorFailsTheSnapshot(@TempDir Path dir) {
    GatewayConfig base = TestConfigs.config();
    GatewayConfig config = base.toBuilder()
        .descriptors(
            new DescriptorsConfig(List.of(dir.resolve("nope.binpb")), false, Duration.ofSeconds(2)))
        .build();

    assertThatThrownBy(() -> factory.build(config, 1))
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("no descriptor set could be loaded: ")
        .hasMessageContaining("nope.binpb");
  }
}
