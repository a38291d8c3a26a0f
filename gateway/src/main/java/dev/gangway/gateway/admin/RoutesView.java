package dev.gangway.gateway.admin;

import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.routing.RouteConflict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The body of {@code GET /admin/routes}: every served route, every composite route with its calls,
 * every conflict found at load (the route that is not served and the one that wins) and every
 * load problem.
 *
 * <p>Immutable.
 *
 * @param generation the snapshot these routes come from
 * @param routes sorted by template, then HTTP method
 * @param composites in configuration order
 * @param conflicts in the order the route table found them
 * @param problems what was left out at load
 */
record RoutesView(
    long generation,
    List<RouteJson> routes,
    List<CompositeJson> composites,
    List<ConflictJson> conflicts,
    List<ProblemJson> problems) {

  private static final Comparator<RouteJson> ORDER =
      Comparator.comparing(RouteJson::template).thenComparing(RouteJson::httpMethod);

  static RoutesView of(RuntimeSnapshot snapshot) {
    List<RouteJson> routes = new ArrayList<>();
    for (MethodRoute route : snapshot.transcoder().routes()) {
      routes.add(RouteJson.of(route, snapshot));
    }
    routes.sort(ORDER);
    List<ConflictJson> conflicts = new ArrayList<>();
    for (RouteConflict c : snapshot.transcoder().conflicts()) {
      conflicts.add(new ConflictJson(c.httpMethod(), c.template(), c.winner(), c.loser(),
          c.toString()));
    }
    List<CompositeJson> composites =
        snapshot.composites().plans().stream().map(p -> CompositeJson.of(p, snapshot)).toList();
    return new RoutesView(snapshot.generation(), routes, composites, conflicts,
        ProblemJson.of(snapshot.transcoder().problems()));
  }

  /**
   * Two routes that match the same requests.
   *
   * @param loser the route that is not served
   * @param winner the route served instead
   * @param message the whole conflict in one sentence
   */
  record ConflictJson(
      String httpMethod, String template, String winner, String loser, String message) {}

  /** Something left out at load: a file, a source or a method, and what is wrong with it. */
  record ProblemJson(String subject, String message) {
    static List<ProblemJson> of(List<LoadProblem> problems) {
      List<ProblemJson> out = new ArrayList<>();
      for (LoadProblem p : problems) {
        out.add(new ProblemJson(p.subject(), p.message()));
      }
      return out;
    }
  }
}
