package dev.gangway.gateway.admin;

import dev.gangway.gateway.reload.RuntimeSnapshot;
import java.util.Optional;

/**
 * Which backend serves a gRPC service in a snapshot, for the routes list, explain and readiness.
 *
 * <p>Implementations are thread-safe. {@link #fromBindings()} asks the snapshot's backend
 * bindings, the same answer the request path uses, so admin and serving can never disagree.
 */
@FunctionalInterface
public interface ServiceBackends {

  /**
   * The backend's name, or empty when no backend serves {@code service}.
   *
   * @param service the service's full name, {@code pkg.Service}
   */
  Optional<String> backendFor(RuntimeSnapshot snapshot, String service);

  /** The snapshot's own bindings ({@code backends[].services} as the request path applies them). */
  static ServiceBackends fromBindings() {
    return (snapshot, service) -> snapshot.backends().backendFor(service);
  }
}
