package dev.gangway.gateway.admin;

import dev.gangway.gateway.access.AccessRoutePolicy;
import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.MethodRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether the gateway should get traffic: a snapshot with at least one route is loaded and every
 * backend some route needs has a channel that is {@code READY} or {@code IDLE}.
 *
 * <p>Stateless. {@code IDLE} counts as connectable because grpc-java channels go idle after a
 * quiet period and reconnect on the next call; {@code CONNECTING}, {@code TRANSIENT_FAILURE} and
 * {@code SHUTDOWN} do not. A service with no backend does not hold readiness back: its routes
 * answer 503 and it is listed under problems, while the other routes serve; but when no route at
 * all has a backend (a service pattern that matches nothing, say) the replica is not ready, since
 * every call would fail. A stopping gateway is not ready, so that it leaves the endpoints before
 * it stops serving.
 */
final class Readiness {
  private static final Set<String> CONNECTABLE = Set.of("READY", "IDLE");

  private Readiness() {}

  /**
   * The verdict.
   *
   * @param ready whether to answer 200
   * @param reasons why not, one line each; empty when ready
   * @param backends the state of each needed backend, by name
   * @param warnings degraded but serving (stale JWKS keys, a rate-limit store failing open)
   */
  record Result(boolean ready, List<String> reasons, Map<String, String> backends,
      List<String> warnings) {}

  static Result check(RuntimeSnapshot snapshot, BackendStates states, boolean stopping) {
    List<String> reasons = new ArrayList<>();
    if (stopping) {
      reasons.add("the gateway is stopping");
    }
    List<MethodRoute> routes = snapshot.transcoder().routes();
    if (routes.isEmpty()) {
      reasons.add("no routes loaded (generation " + snapshot.generation() + ")");
    }
    // The snapshot binds every routed method and every composite call (optional calls included:
    // a page that always comes back partial is not a ready page) to its backend.
    Set<String> needed = new TreeSet<>();
    for (BoundMethod bound : snapshot.backends().methods()) {
      bound.backendName().ifPresent(needed::add);
    }
    if (!routes.isEmpty() && needed.isEmpty()) {
      reasons.add("no route has a backend: every call would answer 503 (check the backends'"
          + " service patterns against the loaded services; gangway validate lists them)");
    }
    Map<String, String> current = states.states();
    Map<String, String> seen = new TreeMap<>();
    for (String backend : needed) {
      String state = current.get(backend);
      seen.put(backend, state == null ? "NO_CHANNEL" : state);
      if (state == null) {
        reasons.add("backend " + backend + " has no channel");
      } else if (!CONNECTABLE.contains(state)) {
        reasons.add("backend " + backend + " is " + state);
      }
    }
    // Access: JWKS URLs that never answered, a shared rate-limit store that is down and fails
    // closed; degraded states that still serve (stale keys, a store failing open) are warnings.
    reasons.addAll(AccessRoutePolicy.of(snapshot.policies().policies()).problems());
    return new Result(reasons.isEmpty(), List.copyOf(reasons), seen,
        AccessRoutePolicy.of(snapshot.policies().policies()).warnings());
  }
}
