package dev.gangway.gateway.http;

import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.routing.MatchResult;
import java.util.Objects;

/**
 * A request that matched a route: the snapshot it is served from (read once), the match and the
 * method's backend binding.
 *
 * <p>Immutable.
 */
record Routed(RuntimeSnapshot snapshot, MatchResult.Matched<MethodRoute> match, BoundMethod bound) {
  Routed {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(bound, "bound");
  }

  MethodRoute route() {
    return match.route();
  }
}
