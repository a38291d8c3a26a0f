package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Load balancing across the addresses of one backend: two Diagnostics servers with different
 * instance names behind {@code static:///127.0.0.1:p1,127.0.0.1:p2} (round_robin, the default).
 * WhoAmI answers from both; with one stopped, every call goes to the other.
 */
class RoundRobinIT {
  private static final String WHOAMI = "/v1/diagnostics/whoami";

  private RunningSamples a;
  private RunningSamples b;

  /** Per test: one of them stops an instance. */
  @RegisterExtension final GatewayHarness h = GatewayHarness.extension(options -> {
    a = diagnostics("rr-a");
    b = diagnostics("rr-b");
    options.env(Map.of("DIAGNOSTICS",
        "static:///" + a.target(SampleBackend.DIAGNOSTICS) + ","
            + b.target(SampleBackend.DIAGNOSTICS)));
  });

  @AfterEach
  void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void callsSpreadOverBothInstances() {
    Set<String> seen = new HashSet<>();
    // round_robin picks among connected addresses; the second may connect a moment later.
    Poll.until("answers from both instances", () -> {
      seen.add(whoAmI());
      return seen;
    }, s -> s.size() == 2);
    assertThat(seen).containsExactlyInAnyOrder("rr-a", "rr-b");

    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      counts.merge(whoAmI(), 1, Integer::sum);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrder("rr-a", "rr-b");
    assertThat(counts.values()).allMatch(n -> n >= 5);
  }

  @Test
  void withOneInstanceStoppedTheOtherAnswersEveryCall() {
    Set<String> seen = new HashSet<>();
    Poll.until("answers from both instances", () -> {
      seen.add(whoAmI());
      return seen;
    }, s -> s.size() == 2);

    b.close();
    Poll.until("rr-b to leave the rotation",
        () -> h.get(WHOAMI), r -> r.statusCode() == 200 && r.body().contains("rr-a"));

    for (int i = 0; i < 10; i++) {
      assertThat(whoAmI()).isEqualTo("rr-a");
    }
  }

  private String whoAmI() {
    return h.getOk(WHOAMI).path("instance").asText();
  }

  private static RunningSamples diagnostics(String instance) throws Exception {
    return SampleServers.builder()
        .backends(SampleBackend.DIAGNOSTICS)
        .instanceName(instance)
        .start();
  }
}
