package dev.gangway.gateway.compose;

import dev.gangway.transcoder.internal.routing.RouteTable;
import dev.gangway.transcoder.routing.MatchResult;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The composite routes of a snapshot: a route table over their path templates (the transcoder's
 * matcher, so the same grammar and precedence) and the plans in configuration order.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompositeRoutes {
  /** No composites. */
  public static final CompositeRoutes EMPTY = new CompositeRoutes(List.of());

  private final List<CompositePlan> plans;
  private final RouteTable<CompositePlan> table;

  CompositeRoutes(List<CompositePlan> plans) {
    this.plans = List.copyOf(plans);
    RouteTable.Builder<CompositePlan> builder =
        RouteTable.builder(Comparator.comparing(CompositePlan::name), CompositePlan::name);
    for (CompositePlan plan : this.plans) {
      builder.add(plan.httpMethod(), plan.template(), plan);
    }
    this.table = builder.build();
  }

  /** Finds the composite for a method and raw (percent-encoded) path. */
  public MatchResult<CompositePlan> match(String httpMethod, String rawPath) {
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(rawPath, "rawPath");
    return plans.isEmpty() ? new MatchResult.NotFound<>() : table.match(httpMethod, rawPath);
  }

  /** Every composite, in configuration order. */
  public List<CompositePlan> plans() {
    return plans;
  }
}
