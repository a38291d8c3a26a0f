package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import dev.gangway.samples.diagnostics.DiagnosticsProbe.Event;
import dev.gangway.samples.diagnostics.DiagnosticsProbe;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deadlines of backend calls: the route's timeout (2s for Diagnostics.Sleep in the e2e config,
 * {@code SLEEP_TIMEOUT} overrides it),
 * a shorter {@code grpc-timeout} header, a longer one that cannot extend the route's, and a
 * malformed one. A passed deadline is a 504 DEADLINE_EXCEEDED, and the backend sees its call
 * cancelled ({@link DiagnosticsProbe}); so does a client that hangs up.
 */
class DeadlinesIT {
  private static final Duration PROBE_WAIT = Duration.ofSeconds(10);
  private static final String SLEEP = "gangway.samples.diagnostics.v1.Diagnostics/Sleep";

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @BeforeAll
  static void connect() {
    // Connects the gateway's channel to Diagnostics: otherwise the first short deadline can
    // pass while the channel connects, before the call reaches the backend to be cancelled.
    h.getOk("/v1/diagnostics/whoami");
  }

  @Test
  void sleepWithinTheDeadlineAnswers() {
    JsonNode body = h.getOk("/v1/diagnostics/sleep?millis=20");

    assertThat(body.path("sleptMillis").asText()).isEqualTo("20");
    assertThat(body.path("instance").asText()).isEqualTo(GatewayHarness.INSTANCE);
  }

  @Test
  void routeTimeoutExpiresAs504AndCancelsTheBackendCall() throws Exception {
    DiagnosticsProbe probe = h.samples().diagnostics();
    int cancelled = probe.count(Event.SLEEP_CANCELLED);

    JsonNode body = Json.error(h.get("/v1/diagnostics/sleep?millis=30000"), 504,
        Code.DEADLINE_EXCEEDED);

    assertThat(body.path("message").asText()).isEqualTo("deadline of 2s exceeded calling " + SLEEP);
    assertThat(probe.await(Event.SLEEP_CANCELLED, cancelled + 1, PROBE_WAIT))
        .as("the backend saw its Sleep cancelled").isTrue();
  }

  @Test
  void shorterGrpcTimeoutHeaderWins() throws Exception {
    DiagnosticsProbe probe = h.samples().diagnostics();
    int cancelled = probe.count(Event.SLEEP_CANCELLED);

    JsonNode body = Json.error(h.send(h.request("/v1/diagnostics/sleep?millis=30000")
            .header("grpc-timeout", "300m").GET().build()),
        504, Code.DEADLINE_EXCEEDED);

    assertThat(body.path("message").asText())
        .isEqualTo("deadline of 300ms exceeded calling " + SLEEP);
    assertThat(probe.await(Event.SLEEP_CANCELLED, cancelled + 1, PROBE_WAIT)).isTrue();
  }

  @Test
  void longerGrpcTimeoutHeaderCannotExtendTheRouteTimeout() {
    JsonNode body = Json.error(h.send(h.request("/v1/diagnostics/sleep?millis=30000")
            .header("grpc-timeout", "30S").GET().build()),
        504, Code.DEADLINE_EXCEEDED);

    assertThat(body.path("message").asText()).isEqualTo("deadline of 2s exceeded calling " + SLEEP);
  }

  @Test
  void malformedGrpcTimeoutIs400NamingTheHeader() {
    JsonNode body = Json.error(h.send(h.request("/v1/diagnostics/sleep?millis=1")
            .header("grpc-timeout", "soon").GET().build()),
        400, Code.INVALID_ARGUMENT);

    assertThat(body.path("message").asText()).startsWith("header grpc-timeout: \"soon\"");
  }

  @Test
  void clientHangingUpCancelsTheBackendCall() throws Exception {
    // Its own gateway with a Sleep timeout far beyond the wait below, so that only the hang-up
    // can explain a cancellation.
    try (GatewayHarness patient = GatewayHarness.startOwn(
        options -> options.env(Map.of("SLEEP_TIMEOUT", "1h")))) {
      DiagnosticsProbe probe = patient.samples().diagnostics();

      // A raw socket, so that hanging up is exactly a closed connection.
      try (Socket socket =
          new Socket(InetAddress.getLoopbackAddress(), patient.gateway().httpPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/diagnostics/sleep?millis=60000 HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(probe.await(Event.SLEEP_STARTED, 1, PROBE_WAIT))
            .as("the backend started sleeping").isTrue();
      }

      assertThat(probe.await(Event.SLEEP_CANCELLED, 1, PROBE_WAIT))
          .as("the backend saw the hang-up as a cancellation").isTrue();
      assertThat(probe.count(Event.SLEEP_COMPLETED)).isZero();
    }
  }
}
