package dev.gangway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.testing.TestConfigs;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelRegistryTest {
  private final ChannelRegistry registry = new ChannelRegistry();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void sameChannelSettingsShareOneChannel() throws Exception {
    ManagedChannel first = registry.channel(TestConfigs.backend("a", "127.0.0.1:7001", "x.A"));
    // Another name, other services and another timeout: not channel settings.
    ManagedChannel second = registry.channel(
        TestConfigs.backend("b", "127.0.0.1:7001", Duration.ofSeconds(3), "x.B"));

    assertThat(second).isSameAs(first);
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void differentChannelSettingsGetTheirOwnChannel() throws Exception {
    BackendConfig plain = TestConfigs.backend("a", "127.0.0.1:7001", "x.A");
    BackendConfig pickFirst = new BackendConfig("a", plain.services(), plain.target(), plain.tls(),
        plain.timeout(), plain.maxMessageBytes(), BackendConfig.LoadBalancing.PICK_FIRST,
        plain.keepalive());

    assertThat(registry.channel(pickFirst)).isNotSameAs(registry.channel(plain));
    assertThat(registry.channel(TestConfigs.backend("a", "127.0.0.1:7002", "x.A")))
        .isNotSameAs(registry.channel(plain));
    assertThat(registry.size()).isEqualTo(3);
  }

  @Test
  void retainOnlyShutsDownChannelsNoLongerNamed() throws Exception {
    BackendConfig kept = TestConfigs.backend("kept", "127.0.0.1:7001", "x.A");
    BackendConfig dropped = TestConfigs.backend("dropped", "127.0.0.1:7002", "x.B");
    ManagedChannel keptChannel = registry.channel(kept);
    ManagedChannel droppedChannel = registry.channel(dropped);

    registry.retainOnly(List.of(kept));

    assertThat(droppedChannel.isShutdown()).isTrue();
    assertThat(keptChannel.isShutdown()).isFalse();
    assertThat(registry.channel(kept)).isSameAs(keptChannel);
    assertThat(registry.states()).containsOnlyKeys("kept");
  }

  @Test
  void statesAreByBackendNameAndDoNotConnect() throws Exception {
    registry.channel(TestConfigs.backend("b", "127.0.0.1:7001", "x.B"));
    registry.channel(TestConfigs.backend("a", "static:///127.0.0.1:7001,127.0.0.1:7002", "x.A"));

    assertThat(registry.states())
        .containsExactly(
            java.util.Map.entry("a", ConnectivityState.IDLE),
            java.util.Map.entry("b", ConnectivityState.IDLE));
  }

  @Test
  void badStaticTargetNamesTheBackendAndEntry() {
    assertThatThrownBy(() -> registry.channel(
        TestConfigs.backend("pair", "static:///127.0.0.1:7001,nope", "x.A")))
        .isInstanceOf(BackendSetupException.class)
        .hasMessage("backend \"pair\": target: static target static:///127.0.0.1:7001,nope: "
            + "\"nope\" is not host:port (port 1-65535)");
  }

  @Test
  void unreadableTlsFileNamesTheBackendAndFile(@TempDir Path dir) {
    Path missing = dir.resolve("ca.pem");
    BackendConfig tls = tlsBackend(new BackendConfig.TlsConfig(
        Optional.of(missing), Optional.empty(), Optional.empty(), Optional.empty()));

    assertThatThrownBy(() -> registry.channel(tls))
        .isInstanceOf(BackendSetupException.class)
        .hasMessage("backend \"secure\": tls.caFile " + missing + " cannot be read");
  }

  @Test
  void tlsFileThatIsNotPemNamesTheBackendAndFile(@TempDir Path dir) throws Exception {
    Path garbage = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    BackendConfig tls = tlsBackend(new BackendConfig.TlsConfig(
        Optional.of(garbage), Optional.empty(), Optional.empty(), Optional.empty()));

    assertThatThrownBy(() -> registry.channel(tls))
        .isInstanceOf(BackendSetupException.class)
        .hasMessage("backend \"secure\": TLS files are not usable PEM (tls.caFile " + garbage
            + ", tls.certFile -, tls.keyFile -): No certificate data found");
  }

  @Test
  void clientCertificateWithoutKeyIsRefused(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("client.pem"), "x");
    BackendConfig tls = tlsBackend(new BackendConfig.TlsConfig(
        Optional.empty(), Optional.of(cert), Optional.empty(), Optional.empty()));

    assertThatThrownBy(() -> registry.channel(tls))
        .hasMessage("backend \"secure\": tls.certFile and tls.keyFile go together "
            + "(client certificate for mTLS)");
  }

  @Test
  void closedRegistryGivesNoChannels() {
    registry.close();

    assertThatThrownBy(() -> registry.channel(TestConfigs.backend("a", "127.0.0.1:7001", "x.A")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static BackendConfig tlsBackend(BackendConfig.TlsConfig tls) {
    return new BackendConfig("secure", List.of("x.A"), "127.0.0.1:7443", Optional.of(tls),
        Duration.ofSeconds(5), 4 << 20, BackendConfig.LoadBalancing.ROUND_ROBIN, Optional.empty());
  }
}
