package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The container image's default config (deploy/gangway.yaml, copied by the Dockerfile) loads. */
class DeployConfigTest {
  private static final Path FILE = Path.of("..", "deploy", "gangway.yaml");

  private static GatewayConfig load(Map<String, String> env) throws ConfigException {
    return new ConfigLoader(Optional.of(FILE), CliOverrides.NONE, env::get).load();
  }

  @Test
  void imageDefaultsServePublicPortsAndOneCatchAllBackend() throws ConfigException {
    GatewayConfig config = load(Map.of());

    assertThat(config.server().bind()).isEqualTo("0.0.0.0");
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.admin()).isEqualTo(new AdminConfig("0.0.0.0", 9090));
    assertThat(config.descriptors().paths()).containsExactly(Path.of("/app/descriptors"));
    assertThat(config.descriptors().watch()).isTrue();
    assertThat(config.backends()).singleElement().satisfies(b -> {
      assertThat(b.services()).containsExactly("*");
      assertThat(b.target()).isEqualTo("dns:///backend:50051");
    });
  }

  @Test
  void environmentVariablesOverrideTheImageDefaults() throws ConfigException {
    GatewayConfig config = load(Map.of(
        "GANGWAY_PORT", "8081", "GANGWAY_ADMIN_PORT", "9091",
        "GANGWAY_BACKEND", "static:///10.0.0.1:50051,10.0.0.2:50051"));

    assertThat(config.server().port()).isEqualTo(8081);
    assertThat(config.admin().port()).isEqualTo(9091);
    assertThat(config.backends().get(0).target()).isEqualTo("static:///10.0.0.1:50051,10.0.0.2:50051");
  }
}
