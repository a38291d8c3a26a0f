package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.OtlpReceiver;
import dev.gangway.gateway.testing.OtlpReceiver.ReceivedSpan;
import dev.gangway.gateway.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing through a real gateway and backend, exported by the SDK's OTLP/HTTP exporter to a
 * receiver that decodes what a collector would get: the server span continues the client's W3C
 * trace, each backend call (each composite call too) is a client span under it, and the backend
 * receives the client span's {@code traceparent}.
 */
class GatewayTracingTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CALLER_SPAN = "00f067aa0ba902b7";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private final OtlpReceiver collector;
  private Http http;

  GatewayTracingTest() throws Exception {
    collector = new OtlpReceiver();
  }

  @BeforeEach
  void start() throws Exception {
    EchoBackend echo = servers.backend("echo");
    Path file = AccessConfigs.write(dir, echo.target(),
        "tracing: {enabled: true, endpoint: '" + collector.endpoint() + "',"
            + " service_name: gangway-test}",
        "composites:",
        "  - name: both",
        "    method: GET",
        "    path: /v1/both",
        "    calls:",
        "      one: {method: gangway.gwtest.v1.EchoService.Headers, request: {echo: a}}",
        "      two: {method: gangway.gwtest.v1.EchoService.Headers, request: {echo: b}}");
    http = new Http(servers.own(GatewayServer.start(AccessConfigs.source(file))).httpPort());
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  private List<ReceivedSpan> awaitSpans(int count) throws InterruptedException {
    Await.until(count + " spans exported", () -> collector.spans().size() >= count,
        collector::spans);
    return collector.spans();
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, int kind) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.kind() == kind).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void theServerSpanContinuesTheCallersTraceAndTheBackendGetsTheClientSpan() throws Exception {
    HttpResponse<String> response = http.get("/v1/headers",
        "traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01");
    assertThat(response.statusCode()).isEqualTo(200);

    List<ReceivedSpan> spans = awaitSpans(2);
    ReceivedSpan server = only(spans, ReceivedSpan.SERVER);
    ReceivedSpan client = only(spans, ReceivedSpan.CLIENT);
    assertThat(server.traceId()).isEqualTo(TRACE);
    assertThat(server.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(server.name()).isEqualTo("GET /v1/headers");
    assertThat(server.attributes()).containsEntry("http.route", "/v1/headers")
        .containsEntry("http.request.method", "GET")
        .containsEntry("http.response.status_code", 200L)
        .containsEntry("rpc.grpc.status_code", 0L)
        .containsEntry("gangway.request_id",
            response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(client.traceId()).isEqualTo(TRACE);
    assertThat(client.parentSpanId()).isEqualTo(server.spanId());
    assertThat(client.name()).isEqualTo("gangway.gwtest.v1.EchoService/Headers");
    assertThat(client.attributes()).containsEntry("rpc.system", "grpc")
        .containsEntry("rpc.service", "gangway.gwtest.v1.EchoService")
        .containsEntry("rpc.method", "Headers")
        .containsEntry("gangway.backend", "echo")
        .containsEntry("rpc.grpc.status_code", 0L);
    JsonNode received = Http.json(response.body()).get("received");
    assertThat(received.get("traceparent").asText())
        .isEqualTo("00-" + TRACE + "-" + client.spanId() + "-01");
  }

  @Test
  void eachCompositeCallIsItsOwnChildOfTheServerSpan() throws Exception {
    // Connect the channel first: a composite call's own deadline is short for a loaded machine.
    assertThat(http.get("/v1/headers").statusCode()).isEqualTo(200);
    awaitSpans(2);
    collector.clear();

    assertThat(http.get("/v1/both").statusCode()).isEqualTo(200);

    List<ReceivedSpan> spans = awaitSpans(3);
    ReceivedSpan server = only(spans, ReceivedSpan.SERVER);
    List<ReceivedSpan> calls =
        spans.stream().filter(s -> s.kind() == ReceivedSpan.CLIENT).toList();
    assertThat(server.parentSpanId()).isEmpty(); // a new trace: no traceparent came in
    assertThat(server.name()).isEqualTo("GET /v1/both");
    assertThat(calls).hasSize(2).allSatisfy(call -> {
      assertThat(call.traceId()).isEqualTo(server.traceId());
      assertThat(call.parentSpanId()).isEqualTo(server.spanId());
    });
    assertThat(calls.get(0).spanId()).isNotEqualTo(calls.get(1).spanId());
  }

  @Test
  void anErrorMarksTheSpansWithTheCode() throws Exception {
    assertThat(http.post("/v1/fail", "{\"code\":14}").statusCode()).isEqualTo(503);

    List<ReceivedSpan> spans = awaitSpans(2);
    assertThat(only(spans, ReceivedSpan.SERVER).attributes())
        .containsEntry("http.response.status_code", 503L)
        .containsEntry("rpc.grpc.status_code", 14L);
    assertThat(only(spans, ReceivedSpan.CLIENT).attributes())
        .containsEntry("rpc.grpc.status_code", 14L);
  }
}
