package dev.gangway.gateway.routing;

import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.binding.BindingPlanCompiler;
import dev.gangway.transcoder.internal.json.JsonCodec;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;
import java.util.List;

/**
 * Compiles the binding plan for the WebSocket messages after a client stream's first: the route's
 * own body mapping (same JSON options, same {@code body} field), but no path variables, so that
 * path and query bind into the first message only.
 *
 * <p>Stateless; setup code, run when a snapshot is built.
 */
final class FollowUpPlans {
  private FollowUpPlans() {}

  static BindingPlan compile(MethodRoute route, TranscoderOptions options, JsonCodec codec) {
    HttpBinding rule = route.binding();
    List<Segment> literals = rule.template().segments().stream()
        .filter(s -> !(s instanceof Segment.Variable))
        .toList();
    HttpBinding bodyOnly = new HttpBinding(rule.method(), rule.httpMethod(),
        new PathTemplate(literals, rule.template().verb()), rule.body(), rule.responseBody(),
        rule.origin(), rule.index());
    try {
      return BindingPlanCompiler.compile(bodyOnly, options, codec);
    } catch (InvalidRuleException e) {
      // The same body mapping compiled for the route itself; only path variables are gone.
      throw new IllegalStateException("cannot compile the body of " + route.describe(), e);
    }
  }
}
