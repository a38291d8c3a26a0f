package dev.gangway.gateway.http;

import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.binding.BindingPlanCompiler;
import dev.gangway.transcoder.internal.json.JsonCodec;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The binding plans for the messages after a WebSocket's first: the route's own body mapping
 * (same JSON options, same {@code body} field), but no path variables, so that path and query
 * bind into the first message only. Compiled on first use per route and kept for the transcoder
 * it was compiled for; a reload starts over.
 *
 * <p>Thread-safe: one volatile reference to a concurrent map; a race compiles a plan twice at
 * worst.
 */
final class FollowUpPlans {
  private volatile Cache cache;

  /** The body-only plan for {@code route} of {@code transcoder}. */
  BindingPlan plan(Transcoder transcoder, MethodRoute route) {
    Cache current = cache;
    if (current == null || current.transcoder != transcoder) {
      current = new Cache(transcoder);
      cache = current;
    }
    return current.plans.computeIfAbsent(route, current::compile);
  }

  private static final class Cache {
    final Transcoder transcoder;
    final JsonCodec codec;
    final Map<MethodRoute, BindingPlan> plans = new ConcurrentHashMap<>();

    Cache(Transcoder transcoder) {
      this.transcoder = transcoder;
      // Built as Transcoder.build builds its own: same type registry, same options.
      this.codec = new JsonCodec(transcoder.descriptors().typeRegistry(), transcoder.options());
    }

    BindingPlan compile(MethodRoute route) {
      HttpBinding rule = route.binding();
      List<Segment> literals = rule.template().segments().stream()
          .filter(s -> !(s instanceof Segment.Variable))
          .toList();
      HttpBinding bodyOnly = new HttpBinding(rule.method(), rule.httpMethod(),
          new PathTemplate(literals, rule.template().verb()), rule.body(), rule.responseBody(),
          rule.origin(), rule.index());
      try {
        return BindingPlanCompiler.compile(bodyOnly, transcoder.options(), codec);
      } catch (InvalidRuleException e) {
        // The same body mapping compiled for the route itself; only path variables are gone.
        throw new IllegalStateException("cannot compile the body of " + route.describe(), e);
      }
    }
  }
}
