package dev.gangway.gateway.admin;

import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.internal.routing.RouteTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Every served route whose template matches a path, under any method: the competitors the matcher
 * chose among, for explain's "why".
 *
 * <p>Stateless. Asks the snapshot's own route table ({@link Transcoder#candidates}), whose walk
 * costs what a match costs: explain answers as fast with the whole googleapis corpus as with ten
 * routes (it used to build one small table per served route on every call).
 */
final class RouteCandidates {
  private RouteCandidates() {}

  /**
   * A route whose template matches the path.
   *
   * @param methodMatches whether it takes the request's method (its own, or {@code *})
   */
  record Candidate(MethodRoute route, boolean methodMatches) {}

  static List<Candidate> find(Transcoder transcoder, String httpMethod, String rawPath) {
    List<Candidate> out = new ArrayList<>();
    for (MethodRoute route : transcoder.candidates(rawPath)) {
      String method = route.binding().httpMethod();
      out.add(new Candidate(route,
          method.equals(RouteTable.ANY_METHOD) || method.equals(httpMethod)));
    }
    return out;
  }
}
