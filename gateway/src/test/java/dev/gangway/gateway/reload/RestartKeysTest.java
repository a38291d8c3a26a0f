package dev.gangway.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ShutdownConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartKeysTest {
  private static final GatewayConfig STARTED = GatewayConfig.DEFAULT;

  @Test
  void anUnchangedConfigNeedsNoRestart() {
    assertThat(RestartKeys.changed(STARTED, STARTED.toBuilder().build())).isEmpty();
  }

  @Test
  void listenerAdminAndShutdownChangesAreNamedWithBothValues() {
    GatewayConfig loaded = STARTED.toBuilder()
        .server(STARTED.server().toBuilder().port(8081).maxRequestBodyBytes(1).build())
        .admin(new AdminConfig("0.0.0.0", 9090))
        .shutdown(new ShutdownConfig(Duration.ofSeconds(5), Duration.ofSeconds(10)))
        .build();

    // max_request_body is applied by a reload (the body handler reads it from the snapshot).
    assertThat(RestartKeys.changed(STARTED, loaded)).containsExactly(
        "server.port: 8080 -> 8081", "admin.bind: 127.0.0.1 -> 0.0.0.0",
        "shutdown.drain_delay: 0ms -> 5s");
  }
}
