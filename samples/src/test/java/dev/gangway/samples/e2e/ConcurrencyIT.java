package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.samples.diagnostics.DiagnosticsProbe;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many requests at once, each on its own connection: every one is answered with its own body
 * and its own metadata (nothing crosses between exchanges that share the gateway's IO threads),
 * slow backend calls do not queue behind each other, and delayed GetItem calls each get their
 * own item.
 */
class ConcurrencyIT {
  private static final int REQUESTS = 200;

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension();

  @Test
  void concurrentEchoesAreEachAnsweredWithTheirOwnBodyAndHeaders() throws Exception {
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String id = "req-" + i + "-" + UUID.randomUUID();
      ids.add(id);
      HttpRequest request = h.request("/v1/diagnostics:echo")
          .header("Content-Type", "application/json")
          .header("X-Request-Id", id)
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"message\":\"" + id + "\",\"labels\":{\"n\":\"" + i + "\"}}"))
          .build();
      responses.add(h.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
        .get(GatewayHarness.REQUEST_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);

    for (int i = 0; i < REQUESTS; i++) {
      JsonNode body = Json.ok(responses.get(i).join());
      assertThat(body.path("request").path("message").asText()).isEqualTo(ids.get(i));
      assertThat(body.path("request").path("labels").path("n").asText())
          .isEqualTo(Integer.toString(i));
      assertThat(body.path("metadata").path("x-request-id").path("values").get(0).asText())
          .isEqualTo(ids.get(i));
    }
  }

  @Test
  void concurrentSlowCallsDoNotQueueBehindEachOther() throws Exception {
    // Each sleeps 250ms under the route's 2s deadline: served one after another on a few
    // threads they would take far longer and time out; waiting on callbacks, all make it.
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      HttpRequest request = h.request("/v1/diagnostics/sleep?millis=250").GET().build();
      responses.add(h.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
        .get(GatewayHarness.REQUEST_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);

    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(Json.ok(response.join()).path("sleptMillis").asText()).isEqualTo("250");
    }
  }

  @Test
  void concurrentGetItemsAreEachAnsweredWithTheirOwnItem() throws Exception {
    DiagnosticsProbe probe = h.samples().diagnostics();
    int completed = probe.count(DiagnosticsProbe.Event.GET_ITEM_COMPLETED);
    JsonNode list = h.getOk("/v1/diagnostics/items?count=20");
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      HttpRequest request = h.request(
          "/v1/diagnostics/items/" + item.path("id").asText() + "?delay_millis=100").GET().build();
      responses.add(h.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
        .get(GatewayHarness.REQUEST_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);

    assertThat(responses).hasSize(20);
    for (int i = 0; i < responses.size(); i++) {
      JsonNode item = Json.ok(responses.get(i).join());
      // index 0 is the proto3 default, which JSON leaves out.
      assertThat(item.path("index").asInt()).isEqualTo(i);
      assertThat(item.path("id").asText()).isEqualTo("item-" + i);
    }
    assertThat(probe.count(DiagnosticsProbe.Event.GET_ITEM_COMPLETED)).isEqualTo(completed + 20);
    assertThat(probe.inFlight(DiagnosticsProbe.Kind.GET_ITEM)).isZero();
  }
}
