package dev.gangway.gateway.compose;

import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.internal.routing.RouteTable;
import dev.gangway.transcoder.routing.RouteConflict;
import java.util.Comparator;
import java.util.List;

/**
 * Finds composite routes that match the same requests (same HTTP method, verb and path shape) as
 * a transcoded route or another composite: the route table's own conflict detection, run over
 * both kinds together.
 *
 * <p>Stateless; setup code.
 */
final class RouteConflicts {
  private static final String COMPOSITE = "composite \"";

  private RouteConflicts() {}

  static void check(List<CompositePlan> plans, Transcoder transcoder) throws CompositeException {
    // Composites sort before transcoded routes; the order only picks a "winner" we never serve.
    Comparator<Object> compositesFirst =
        Comparator.comparingInt(r -> r instanceof CompositePlan ? 0 : 1);
    RouteTable.Builder<Object> table =
        RouteTable.builder(compositesFirst, RouteConflicts::describe);
    for (CompositePlan plan : plans) {
      table.add(plan.httpMethod(), plan.template(), plan);
    }
    for (MethodRoute route : transcoder.routes()) {
      table.add(route.binding().httpMethod(), route.binding().template(), route);
    }
    for (RouteConflict conflict : table.build().conflicts()) {
      if (conflict.winner().startsWith(COMPOSITE)) {
        throw new CompositeException(conflict.winner() + ": matches the same requests as "
            + conflict.loser());
      }
    }
  }

  /** {@code composite "x" (GET /v1/x/{id})} or the transcoded route's own description. */
  private static String describe(Object route) {
    if (route instanceof CompositePlan plan) {
      return COMPOSITE + plan.name() + "\" (" + plan.describe() + ")";
    }
    return ((MethodRoute) route).describe();
  }
}
