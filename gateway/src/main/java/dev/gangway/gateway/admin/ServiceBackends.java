package dev.gangway.gateway.admin;

import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import java.util.Optional;

/**
 * Which backend serves a gRPC service in a snapshot, for the routes list, explain and readiness.
 *
 * <p>Implementations are thread-safe. {@link #fromConfig()} applies the configuration's service
 * patterns; once {@code BackendBindings} can answer this, the gateway passes a lookup into the
 * snapshot's bindings instead, so that admin and the request path can never disagree.
 */
@FunctionalInterface
public interface ServiceBackends {

  /**
   * The backend's name, or empty when no backend serves {@code service}.
   *
   * @param service the service's full name, {@code pkg.Service}
   */
  Optional<String> backendFor(RuntimeSnapshot snapshot, String service);

  /**
   * Reads {@code backends[].services} of the snapshot's configuration: an exact name beats the
   * longest matching {@code pkg.*} (which also covers sub-packages), which beats {@code *}; among
   * equal patterns the first backend listed wins.
   */
  static ServiceBackends fromConfig() {
    return (snapshot, service) -> {
      String best = null;
      int bestRank = -1;
      for (BackendConfig backend : snapshot.config().backends()) {
        for (String pattern : backend.services()) {
          int rank = rank(pattern, service);
          if (rank > bestRank) {
            bestRank = rank;
            best = backend.name();
          }
        }
      }
      return Optional.ofNullable(best);
    };
  }

  /**
   * How specifically {@code pattern} names {@code service}: -1 not at all, 0 for {@code *}, the
   * prefix length for {@code pkg.*}, and above any prefix for the exact name.
   */
  private static int rank(String pattern, String service) {
    if (pattern.equals(service)) {
      return Integer.MAX_VALUE;
    }
    if (pattern.equals("*")) {
      return 0;
    }
    if (pattern.endsWith(".*")) {
      String prefix = pattern.substring(0, pattern.length() - 1);
      return service.startsWith(prefix) ? prefix.length() : -1;
    }
    return -1;
  }
}
