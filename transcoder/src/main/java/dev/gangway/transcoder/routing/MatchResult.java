package dev.gangway.transcoder.routing;

import dev.gangway.transcoder.internal.routing.RouteTable;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of matching an HTTP method and raw path against a {@link RouteTable}.
 *
 * <p>Immutable.
 *
 * @param <T> what a route carries (the transcoder's method route, or a composite route)
 */
public sealed interface MatchResult<T>
    permits MatchResult.Matched, MatchResult.NotFound, MatchResult.MethodNotAllowed {

  /**
   * A route matched.
   *
   * @param route the route's value
   * @param segments the raw (still percent-encoded) path segments the route matched, verb removed;
   *     variable spans index into this list
   * @param verb the custom verb that was split off, or empty string when none
   */
  record Matched<T>(T route, List<String> segments, String verb) implements MatchResult<T> {
    public Matched {
      Objects.requireNonNull(route, "route");
      segments = List.copyOf(segments);
      Objects.requireNonNull(verb, "verb");
    }
  }

  /** No route has this path under any method. */
  record NotFound<T>() implements MatchResult<T> {}

  /** The path is known, but not under this method; {@code allowed} lists the methods that are. */
  record MethodNotAllowed<T>(Set<String> allowed) implements MatchResult<T> {
    public MethodNotAllowed {
      allowed = Set.copyOf(allowed);
    }
  }
}
