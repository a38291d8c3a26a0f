package dev.gangway.gateway.routing;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What {@link GatewayRoutes#match} answers for one request: the one match result the whole chain,
 * the WebSocket upgrade and {@code /admin/explain} switch on.
 *
 * <p>Immutable.
 */
public sealed interface RouteMatch
    permits RouteMatch.Matched, RouteMatch.NotFound, RouteMatch.MethodNotAllowed {

  /**
   * A route matched.
   *
   * @param route the route, of any kind
   * @param kind how the request is served (see {@link RouteKind}); for an upgrade request of a
   *     unary method or a composite, that route's own kind, which the chain refuses with a 400
   * @param upgrade whether the request is a WebSocket upgrade
   * @param segments the raw (percent-encoded) path segments the route matched, verb removed;
   *     empty for a static site
   * @param verb the custom verb split off the path, or empty
   */
  record Matched(
      GatewayRoute route, RouteKind kind, boolean upgrade, List<String> segments, String verb)
      implements RouteMatch {
    public Matched {
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(kind, "kind");
      segments = List.copyOf(segments);
      Objects.requireNonNull(verb, "verb");
    }
  }

  /**
   * No route has this path under any method.
   *
   * @param upgrade whether the request is a WebSocket upgrade (then: no streaming method, unary
   *     method or composite has the path under GET, POST, PUT, PATCH or DELETE)
   */
  record NotFound(boolean upgrade) implements RouteMatch {}

  /**
   * The path is known, but not under this method.
   *
   * @param allowed the methods that would match; kept sorted and distinct
   */
  record MethodNotAllowed(List<String> allowed) implements RouteMatch {
    public MethodNotAllowed {
      allowed = List.copyOf(new TreeSet<>(allowed));
    }

    /** The {@code Allow} header's value: {@code GET, POST}. */
    public String allowHeader() {
      return String.join(", ", allowed);
    }
  }
}
