package dev.gangway.gateway.http;

import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RouteMatch;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.routing.MatchResult;
import java.util.Objects;

/**
 * A request that matched a transcoded route: the snapshot it is served from (read once), the
 * route with its backend binding, and the match as the transcoder binds it.
 *
 * <p>Immutable.
 */
record Routed(
    RuntimeSnapshot snapshot, GatewayRoute.Transcoded transcoded,
    MatchResult.Matched<MethodRoute> match) {
  Routed {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(transcoded, "transcoded");
    Objects.requireNonNull(match, "match");
  }

  /** The transcoded route of a match. */
  static Routed of(RuntimeSnapshot snapshot, RouteMatch.Matched matched,
      GatewayRoute.Transcoded transcoded) {
    return new Routed(snapshot, transcoded,
        new MatchResult.Matched<>(transcoded.method(), matched.segments(), matched.verb()));
  }

  MethodRoute route() {
    return transcoded.method();
  }

  BoundMethod bound() {
    return transcoded.bound();
  }
}
