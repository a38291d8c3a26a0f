package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backend that goes away and comes back: an extra Diagnostics server on a fixed port the test
 * picks, stopped and started again on the same port. While it is down its routes answer 503
 * UNAVAILABLE (without the transport's internals), the other backends keep serving and
 * {@code /readyz} says not ready; once it is back, calls succeed again with no gateway restart.
 */
class BackendFaultsIT {
  /** grpc-java backs off reconnecting (1s, then 1.6x); allow a few rounds. */
  private static final Duration RECONNECT = Duration.ofSeconds(20);
  private static final String WHOAMI = "/v1/diagnostics/whoami";

  private int port;
  private RunningSamples backend;

  /** Per test: Diagnostics on a port of its own that the test stops and starts. */
  @RegisterExtension final GatewayHarness h = GatewayHarness.extension(options -> {
    port = Net.freePort();
    backend = diagnostics("first");
    options.env(Map.of("DIAGNOSTICS", "127.0.0.1:" + port));
  });

  @AfterEach
  void stop() throws Exception {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void stoppedBackendIs503AndServesAgainAfterRestartOnTheSamePort() throws Exception {
    assertThat(h.getOk(WHOAMI).path("instance").asText()).isEqualTo("first");

    backend.close();
    HttpResponse<String> down = Poll.until("the stopped backend to show as 503",
        () -> h.get(WHOAMI), r -> r.statusCode() == 503);
    JsonNode body = Json.error(down, 503, Code.UNAVAILABLE);
    assertThat(body.path("message").asText()).isEqualTo("backend \"diagnostics\" is unavailable"
        + " (calling gangway.samples.diagnostics.v1.Diagnostics/WhoAmI)");
    assertThat(body.toString()).doesNotContain(Integer.toString(port));
    // The other backends do not notice.
    h.getOk("/v1/shelves");

    backend = diagnostics("second");
    HttpResponse<String> back = Poll.until("the restarted backend to answer", RECONNECT,
        () -> h.get(WHOAMI), r -> r.statusCode() == 200);
    assertThat(Json.ok(back).path("instance").asText()).isEqualTo("second");
  }

  @Test
  void readinessFollowsTheBackend() throws Exception {
    h.getOk(WHOAMI);
    Poll.until("ready", () -> h.admin("/readyz"), r -> r.statusCode() == 200);

    backend.close();
    // Calls make the channel notice (an idle channel would still count as connectable).
    HttpResponse<String> notReady = Poll.until("not ready while the backend is down",
        () -> {
          h.get(WHOAMI);
          return h.admin("/readyz");
        },
        r -> r.statusCode() == 503);
    JsonNode body = Json.parse(notReady.body());
    assertThat(body.path("status").asText()).isEqualTo("not ready");
    assertThat(body.path("reasons").toString()).contains("backend diagnostics is");
    assertThat(body.path("backends").path("bookstore").asText()).isIn("READY", "IDLE");

    backend = diagnostics("second");
    Poll.until("the restarted backend to answer", RECONNECT,
        () -> h.get(WHOAMI), r -> r.statusCode() == 200);
    HttpResponse<String> ready =
        Poll.until("ready again", () -> h.admin("/readyz"), r -> r.statusCode() == 200);
    assertThat(Json.parse(ready.body()).path("backends").path("diagnostics").asText())
        .isEqualTo("READY");
  }

  private RunningSamples diagnostics(String instance) throws IOException {
    return SampleServers.builder()
        .backends(SampleBackend.DIAGNOSTICS)
        .port(SampleBackend.DIAGNOSTICS, port)
        .instanceName(instance)
        .start();
  }
}
