package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reload that changes a key only a restart applies swaps everything else in, keeps serving on
 * the listener it started with, and says so on /admin/status until the files agree again.
 */
class GatewayRestartKeysTest {
  @RegisterExtension final TestServers servers = new TestServers();

  @Test
  void aChangedListenerPortIsReportedAsNeedingARestart() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayConfig started = TestConfigs.config(
            TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)).toBuilder()
        .admin(new AdminConfig("127.0.0.1", 0)).build();
    AtomicReference<GatewayConfig> onDisk = new AtomicReference<>(started);
    GatewayServer gateway = servers.own(GatewayServer.start(new ConfigSource() {
      @Override
      public GatewayConfig load() {
        return onDisk.get();
      }

      @Override
      public Optional<Path> file() {
        return Optional.empty();
      }
    }));
    Http admin = new Http(gateway.adminPort().orElseThrow());
    int port = gateway.httpPort();

    onDisk.set(started.toBuilder()
        .server(started.server().toBuilder().port(port == 65535 ? port - 1 : port + 1).build())
        .build());
    assertThat(gateway.reloadNow().swapped()).isTrue();

    JsonNode reloads = Http.json(admin.get("/admin/status").body()).get("reloads");
    assertThat(reloads.get("restartRequired").get(0).asText())
        .isEqualTo("server.port: 0 -> " + (port == 65535 ? port - 1 : port + 1));
    assertThat(new Http(port).get("/v1/echo/same-port").statusCode()).isEqualTo(200);

    onDisk.set(started);
    gateway.reloadNow();
    assertThat(Http.json(admin.get("/admin/status").body()).at("/reloads/restartRequired"))
        .isEmpty();
  }
}
