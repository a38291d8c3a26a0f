package dev.gangway.samples.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.samples.support.CallProbe.Phase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallProbeTest {

  @Test
  void countsEachPhase() {
    CallProbe probe = new CallProbe();

    probe.record(Phase.STARTED);
    probe.record(Phase.STARTED);
    probe.record(Phase.COMPLETED);
    probe.record(Phase.CANCELLED);

    assertThat(probe.count(Phase.STARTED)).isEqualTo(2);
    assertThat(probe.count(Phase.COMPLETED)).isEqualTo(1);
    assertThat(probe.count(Phase.CANCELLED)).isEqualTo(1);
  }

  @Test
  void aCallIsInFlightFromStartUntilItCompletesOrIsCancelled() {
    CallProbe probe = new CallProbe();

    probe.record(Phase.STARTED);
    probe.record(Phase.STARTED);
    assertThat(probe.inFlight()).isEqualTo(2);

    probe.record(Phase.COMPLETED);
    assertThat(probe.inFlight()).isEqualTo(1);

    probe.record(Phase.CANCELLED);
    assertThat(probe.inFlight()).isZero();
  }

  @Test
  void maxInFlightKeepsThePeak() {
    CallProbe probe = new CallProbe();

    probe.record(Phase.STARTED);
    probe.record(Phase.STARTED);
    probe.record(Phase.STARTED);
    probe.record(Phase.COMPLETED);
    probe.record(Phase.COMPLETED);
    probe.record(Phase.STARTED);

    assertThat(probe.inFlight()).isEqualTo(2);
    assertThat(probe.maxInFlight()).isEqualTo(3);
  }

  @Test
  void resetStartsTheMaximumFromTheCallsInFlightNow() {
    CallProbe probe = new CallProbe();
    probe.record(Phase.STARTED);
    probe.record(Phase.STARTED);
    probe.record(Phase.STARTED);
    probe.record(Phase.COMPLETED);

    probe.resetMaxInFlight();
    assertThat(probe.maxInFlight()).isEqualTo(2);

    probe.record(Phase.COMPLETED);
    probe.record(Phase.COMPLETED);
    probe.resetMaxInFlight();
    assertThat(probe.maxInFlight()).isZero();
  }

  @Test
  void awaitReturnsOnceTheCountIsReached() throws Exception {
    CallProbe probe = new CallProbe();
    CompletableFuture<Boolean> awaited = CompletableFuture.supplyAsync(() -> {
      try {
        return probe.await(Phase.CANCELLED, 2, Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    probe.record(Phase.STARTED);
    probe.record(Phase.STARTED);
    probe.record(Phase.CANCELLED);
    probe.record(Phase.CANCELLED);

    assertThat(awaited.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void awaitGivesUpAfterTheTimeout() throws Exception {
    assertThat(new CallProbe().await(Phase.COMPLETED, 1, Duration.ofMillis(1))).isFalse();
  }
}
