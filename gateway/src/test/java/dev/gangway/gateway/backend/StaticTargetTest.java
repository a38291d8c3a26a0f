package dev.gangway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticTargetTest {

  @Test
  void parsesAFixedListInOrder() {
    StaticTarget target = StaticTarget.parse(URI.create("static:///10.0.0.1:5000,echo.local:6000,%5B::1%5D:7000"));

    assertThat(target.addresses()).containsExactly(
        new StaticTarget.HostPort("10.0.0.1", 5000),
        new StaticTarget.HostPort("echo.local", 6000),
        new StaticTarget.HostPort("::1", 7000));
    assertThat(target.authority()).isEqualTo("10.0.0.1:5000");
  }

  @Test
  void uriAuthorityNamesTheService() {
    StaticTarget target = StaticTarget.parse(URI.create("static://echo.internal/10.0.0.1:5000"));

    assertThat(target.authority()).isEqualTo("echo.internal");
    assertThat(target.addresses()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"static:///a:0", "static:///a:65536", "static:///a", "static:///:80",
      "static:///a:1,,b:2", "static:///a:x"})
  void rejectsEntriesThatAreNotHostPort(String target) {
    assertThatThrownBy(() -> StaticTarget.parse(URI.create(target)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("static target " + target + ": \"")
        .hasMessageEndingWith("\" is not host:port (port 1-65535)");
  }

  @Test
  void rejectsAnEmptyList() {
    assertThatThrownBy(() -> StaticTarget.parse(URI.create("static:///")))
        .hasMessage("static target static:/// lists no addresses (use static:///host1:port1,host2:port2)");
  }

  @Test
  void providerIsRegisteredForTheStaticScheme() {
    assertThat(io.grpc.NameResolverRegistry.getDefaultRegistry().getProviderForScheme("static"))
        .isInstanceOf(StaticNameResolverProvider.class);
    assertThat(io.grpc.NameResolverRegistry.getDefaultRegistry().getDefaultScheme())
        .isEqualTo("dns");
  }
}
