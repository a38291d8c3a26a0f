package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.Code;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.diagnostics.DiagnosticsProbe.Event;
import dev.gangway.samples.diagnostics.DiagnosticsProbe;
import dev.gangway.samples.support.CallProbe.Phase;
import dev.gangway.samples.support.CallProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a composite fails, seen by the client and by the backends: a required call's error is the
 * answer and cancels the calls still in flight; the overall deadline is a 504 and cancels every
 * call. Pricing and Reviews answer only after {@link #SLOW} (far beyond every wait below, so
 * that only a cancellation by the gateway explains a cancelled call); Catalog after
 * {@link #CATALOG_DELAY}, long enough for the other calls to reach their backends first.
 */
class CompositeFailuresIT {
  private static final Duration SLOW = Duration.ofSeconds(30);
  private static final Duration CATALOG_DELAY = Duration.ofMillis(300);
  private static final Duration PROBE_WAIT = Duration.ofSeconds(10);

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension(
      options -> options.withComposites()
          .delay(SampleBackend.CATALOG, CATALOG_DELAY)
          .delay(SampleBackend.PRICING, SLOW)
          .delay(SampleBackend.REVIEWS, SLOW));

  @Test
  void requiredCallFailingIsItsErrorNamingTheCallAndCancelsTheOtherCalls() throws Exception {
    CallProbe pricing = h.samples().delays(SampleBackend.PRICING);
    CallProbe reviews = h.samples().delays(SampleBackend.REVIEWS);
    int pricingStarted = pricing.count(Phase.STARTED);
    int reviewsStarted = reviews.count(Phase.STARTED);
    int pricingCancelled = pricing.count(Phase.CANCELLED);
    int reviewsCancelled = reviews.count(Phase.CANCELLED);

    // The composite's deadline is 30s: no deadline can cancel anything during this test.
    CompletableFuture<HttpResponse<String>> answer = h.http.sendAsync(
        h.request("/v1/e2e/summaries/p-999").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(pricing.await(Phase.STARTED, pricingStarted + 1, PROBE_WAIT))
        .as("the price call reached Pricing").isTrue();
    assertThat(reviews.await(Phase.STARTED, reviewsStarted + 1, PROBE_WAIT))
        .as("the reviews call reached Reviews").isTrue();
    HttpResponse<String> response =
        answer.get(GatewayHarness.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    JsonNode body = Json.error(response, 404, Code.NOT_FOUND);
    assertThat(body.path("message").asText()).isEqualTo("call \"product\" "
        + "(gangway.samples.catalog.v1.Catalog/GetProduct) failed: product \"p-999\" not found");
    assertThat(Json.detail(body, "google.rpc.ResourceInfo").path("resourceName").asText())
        .isEqualTo("p-999");
    assertThat(pricing.await(Phase.CANCELLED, pricingCancelled + 1, PROBE_WAIT))
        .as("Pricing saw the price call cancelled").isTrue();
    assertThat(reviews.await(Phase.CANCELLED, reviewsCancelled + 1, PROBE_WAIT))
        .as("Reviews saw the reviews call cancelled").isTrue();
    assertThat(response.headers().firstValue("Gangway-Partial")).isEmpty();
  }

  @Test
  void overallDeadlineIs504NamingTheRunningCallsAndCancelsEveryCall() throws Exception {
    CallProbe pricing = h.samples().delays(SampleBackend.PRICING);
    CallProbe reviews = h.samples().delays(SampleBackend.REVIEWS);
    DiagnosticsProbe diagnostics = h.samples().diagnostics();
    int pricingCancelled = pricing.count(Phase.CANCELLED);
    int reviewsCancelled = reviews.count(Phase.CANCELLED);
    int sleepsCancelled = diagnostics.count(Event.SLEEP_CANCELLED);
    int completed = pricing.count(Phase.COMPLETED) + reviews.count(Phase.COMPLETED)
        + diagnostics.count(Event.SLEEP_COMPLETED);

    // Every call waits far beyond the composite's 300ms (the Sleep's route cap is 2s).
    JsonNode body = Json.error(h.get("/v1/e2e/deadlines/p-100?millis=30000"), 504,
        Code.DEADLINE_EXCEEDED);

    assertThat(body.path("message").asText()).isEqualTo(
        "composite \"e2e_deadline\": deadline of 300ms exceeded; still running: price, reviews, nap");
    assertThat(pricing.await(Phase.CANCELLED, pricingCancelled + 1, PROBE_WAIT))
        .as("Pricing saw the price call cancelled").isTrue();
    assertThat(reviews.await(Phase.CANCELLED, reviewsCancelled + 1, PROBE_WAIT))
        .as("Reviews saw the reviews call cancelled").isTrue();
    assertThat(diagnostics.await(Event.SLEEP_CANCELLED, sleepsCancelled + 1, PROBE_WAIT))
        .as("Diagnostics saw the Sleep cancelled").isTrue();
    assertThat(pricing.count(Phase.COMPLETED) + reviews.count(Phase.COMPLETED)
        + diagnostics.count(Event.SLEEP_COMPLETED)).isEqualTo(completed);
  }
}
