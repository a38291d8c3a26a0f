package dev.gangway.gateway.admin;

import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.internal.routing.RouteTable;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.routing.MatchResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Every served route whose template matches a path, under any method: the competitors the matcher
 * chose among, for explain's "why".
 *
 * <p>Stateless. Costs one tiny route table per served route, which is fine for an admin request
 * and never done on the request path.
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
    for (MethodRoute route : transcoder.routes()) {
      HttpBinding binding = route.binding();
      boolean anyMethod = binding.httpMethod().equals(RouteTable.ANY_METHOD);
      String probe = anyMethod ? httpMethod : binding.httpMethod();
      MatchResult<MethodRoute> result = RouteTable.<MethodRoute>builder((a, b) -> 0,
              MethodRoute::describe)
          .add(binding.httpMethod(), binding.template(), route)
          .build()
          .match(probe, rawPath);
      if (result instanceof MatchResult.Matched) {
        out.add(new Candidate(route, anyMethod || binding.httpMethod().equals(httpMethod)));
      }
    }
    return out;
  }
}
