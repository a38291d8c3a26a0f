package dev.gangway.gateway.http;

import com.google.rpc.Code;
import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.routing.MatchResult;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * Attaches the match with its backend binding as {@link Attachments#ROUTED} and hands the
   * exchange to {@code next}.
   */
  static void attachAndContinue(HttpServerExchange exchange, RuntimeSnapshot snapshot,
      MatchResult.Matched<MethodRoute> match, HttpHandler next) throws Exception {
    Optional<BoundMethod> bound = snapshot.backends().method(match.route().method());
    if (bound.isEmpty()) {
      // Cannot happen for a snapshot built by BackendBindings.build; answer as for no backend.
      Responses.status(exchange, snapshot.transcoder(), Code.UNAVAILABLE,
          "no backend serves " + match.route().grpcMethodName());
      return;
    }
    exchange.putAttachment(Attachments.ROUTED, new Routed(snapshot, match, bound.get()));
    next.handleRequest(exchange);
  }
}
