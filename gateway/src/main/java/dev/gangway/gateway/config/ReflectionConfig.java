package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code backends[].reflection}: whether a backend is a source of its own descriptors, fetched by
 * gRPC server reflection at start and every {@code refreshInterval}, and the bounds on what one
 * fetch may make the gateway hold.
 *
 * <p>Immutable.
 *
 * @param enabled fetch this backend's descriptors (default false)
 * @param refreshInterval how often they are fetched again after start (default 5m)
 * @param timeout the deadline of one fetch, every request of it included (default 10s)
 * @param maxFiles most descriptor files one fetch accepts (default 1000)
 * @param maxBytes most bytes of descriptor files one fetch accepts (default 16 MiB)
 */
public record ReflectionConfig(
    boolean enabled, Duration refreshInterval, Duration timeout, int maxFiles, long maxBytes) {

  /** Reflection off, with the documented defaults for when it is turned on. */
  public static final ReflectionConfig DISABLED = new ReflectionConfig(
      false, Duration.ofMinutes(5), Duration.ofSeconds(10), 1000, 16L << 20);

  public ReflectionConfig {
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(timeout, "timeout");
    if (maxFiles < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("maxFiles and maxBytes must be positive");
    }
  }

  /** Reflection on, with the defaults. */
  public static ReflectionConfig enabledWithDefaults() {
    return new ReflectionConfig(true, DISABLED.refreshInterval(), DISABLED.timeout(),
        DISABLED.maxFiles(), DISABLED.maxBytes());
  }
}
