package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway stops on SIGTERM (or {@code GatewayServer.close()}).
 *
 * <p>Immutable. The order is: {@code /readyz} answers 503 at once; for {@code drainDelay} every
 * request is still served (while the orchestrator removes the replica from its endpoints, which
 * takes a few seconds to reach every load balancer); then new requests get 503 UNAVAILABLE, open
 * streams end, and calls in flight get up to {@code grace} to finish; whatever is still running
 * then is answered 503 UNAVAILABLE and its backend call cancelled.
 *
 * @param drainDelay how long requests are still served after the stop signal (default 0s; 5s in
 *     the Kubernetes manifests)
 * @param grace how long calls in flight get to finish once new requests are refused (default 10s)
 */
public record ShutdownConfig(Duration drainDelay, Duration grace) {
  public static final ShutdownConfig DEFAULT =
      new ShutdownConfig(Duration.ZERO, Duration.ofSeconds(10));

  public ShutdownConfig {
    Objects.requireNonNull(drainDelay, "drainDelay");
    Objects.requireNonNull(grace, "grace");
  }
}
