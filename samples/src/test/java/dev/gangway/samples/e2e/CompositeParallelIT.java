package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.diagnostics.DiagnosticsProbe.Kind;
import dev.gangway.samples.diagnostics.DiagnosticsProbe;
import dev.gangway.samples.support.CallProbe.Phase;
import dev.gangway.samples.support.CallProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The independent calls of a composite run side by side: Catalog, Pricing and Reviews each answer
 * after {@value #DELAY_MILLIS} ms, and the demo's three-call summary sees all three in flight at
 * once and answers in well under the sum of the delays. A functional check, not a benchmark.
 */
class CompositeParallelIT {
  private static final long DELAY_MILLIS = 200;
  private static final List<SampleBackend> SLOWED =
      List.of(SampleBackend.CATALOG, SampleBackend.PRICING, SampleBackend.REVIEWS);

  @RegisterExtension static final GatewayHarness h = GatewayHarness.extension(options -> {
    options.withComposites();
    for (SampleBackend backend : SLOWED) {
      options.delay(backend, Duration.ofMillis(DELAY_MILLIS));
    }
  });

  @BeforeAll
  static void warmUp() {
    // Connections to the backends and the first request's class loading are not what is measured.
    h.getOk("/v1/product-summaries/p-100");
  }

  @Test
  void threeDelayedCallsAreInFlightTogetherAndFinishUnderTheSumOfTheirDelays() throws Exception {
    int[] completed = completedCounts();
    long start = System.nanoTime();
    CompletableFuture<Long> finished = h.http
        .sendAsync(h.request("/v1/product-summaries/p-100").GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> {
          long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          Json.ok(response);
          return elapsed;
        });

    // Seen from the backends: a moment when each of the three was waiting on its delay.
    boolean allInFlight = Poll.until("catalog, pricing and reviews calls in flight at once",
        Duration.ofSeconds(5), CompositeParallelIT::allSlowedInFlight,
        all -> all || finished.isDone());
    long elapsedMillis = finished.get(GatewayHarness.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertThat(allInFlight).as("all three calls were in flight at the same time").isTrue();
    assertThat(elapsedMillis).as("3 calls of %d ms each", DELAY_MILLIS)
        .isLessThan(3 * DELAY_MILLIS);
    int[] after = completedCounts();
    for (int i = 0; i < SLOWED.size(); i++) {
      assertThat(after[i] - completed[i]).as("%s calls completed", SLOWED.get(i)).isEqualTo(1);
    }
  }

  @Test
  void threeSleepsOnOneBackendAreInFlightAtOnce() {
    DiagnosticsProbe probe = h.samples().diagnostics();
    probe.resetMaxInFlight();

    JsonNode body = h.getOk("/v1/e2e/parallel-sleeps?millis=" + DELAY_MILLIS);

    for (String call : List.of("a", "b", "c")) {
      assertThat(body.path(call).path("sleptMillis").asText()).isEqualTo("" + DELAY_MILLIS);
    }
    assertThat(probe.maxInFlight(Kind.SLEEP)).as("Sleep calls waiting at once").isEqualTo(3);
  }

  private static boolean allSlowedInFlight() {
    for (SampleBackend backend : SLOWED) {
      if (h.samples().delays(backend).inFlight() == 0) {
        return false;
      }
    }
    return true;
  }

  private static int[] completedCounts() {
    int[] counts = new int[SLOWED.size()];
    for (int i = 0; i < counts.length; i++) {
      CallProbe probe = h.samples().delays(SLOWED.get(i));
      counts[i] = probe.count(Phase.COMPLETED);
    }
    return counts;
  }
}
