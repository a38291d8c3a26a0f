package dev.gangway.gateway.admin;

import dev.gangway.gateway.access.AccessRoutePolicy;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RouteMatch;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.routing.BindingPrecedence;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.MatchResult;
import dev.gangway.transcoder.routing.RouteConflict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code GET /admin/explain}: which route a request would reach and why, what the
 * path variables capture, which query parameters would be rejected, and how the body maps.
 *
 * <p>Stateless; reads only the snapshot it is given. The result is a JSON-ready map whose keys
 * depend on the outcome ({@code matched}, {@code methodNotAllowed}, {@code notFound}).
 */
final class Explainer {
  private static final String PRECEDENCE =
      "segments are compared left to right; a literal beats '*', '*' beats '**', and an exact"
          + " method beats '*'";

  private Explainer() {}

  /**
   * @param target the request target: raw path, optionally followed by {@code ?} and the raw query
   * @param headers request headers as {@code Name: value} lines, for the access verdict
   */
  static Map<String, Object> explain(
      RuntimeSnapshot snapshot, String method, String target, List<String> headers) {
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? "" : target.substring(q + 1);
    Transcoder transcoder = snapshot.transcoder();
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", method);
    request.put("path", rawPath);
    request.put("query", rawQuery);
    out.put("request", request);
    out.put("generation", snapshot.generation());
    // The same one match the request chain makes, so explain cannot disagree with serving.
    RouteMatch match = snapshot.routes().match(method, rawPath, false);
    if (match instanceof RouteMatch.Matched m && m.route() instanceof GatewayRoute.StaticSite site) {
      out.put("result", "staticSite");
      out.put("why", "the path starts with the static prefix " + site.prefix()
          + "; static sites are matched before every route and shadow the routes under them");
      out.put("prefix", site.prefix());
      return out;
    }
    if (match instanceof RouteMatch.Matched m && m.route() instanceof GatewayRoute.Published p) {
      out.put("result", "publishedFile");
      out.put("why", "the path is " + p.file().path() + ", a file the gateway generates with each"
          + " snapshot (openapi section); published files are matched before every route");
      out.put("contentType", p.file().contentType());
      return out;
    }
    if (match instanceof RouteMatch.Matched m && m.route() instanceof GatewayRoute.Composite c) {
      out.put("result", "composite");
      out.put("why", "a composite route matches; composites and transcoded routes share one"
          + " table, and the most specific template wins");
      out.put("composite", CompositeJson.of(c.plan(), snapshot));
      out.put("access", AccessExplain.of(
          AccessRoutePolicy.of(snapshot.policies().policies()).forComposite(c.plan().name()),
          new ExplainCredentials(headers, rawQuery)));
      return out;
    }
    List<RouteCandidates.Candidate> candidates =
        RouteCandidates.find(transcoder, method, rawPath);
    if (match instanceof RouteMatch.Matched m && m.route() instanceof GatewayRoute.Transcoded t) {
      matched(out, snapshot, new MatchResult.Matched<>(t.method(), m.segments(), m.verb()),
          rawQuery, candidates, method);
      out.put("access", AccessExplain.of(AccessRoutePolicy.of(snapshot.policies().policies())
              .forMethod(t.method().method().getFullName()),
          new ExplainCredentials(headers, rawQuery)));
    } else if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
      out.put("result", "methodNotAllowed");
      out.put("why", "routes match this path, but none under " + method + "; allowed: "
          + notAllowed.allowHeader() + " (the gateway answers 405)");
      out.put("allowed", notAllowed.allowed());
      out.put("candidates", candidatesJson(candidates, null));
    } else {
      out.put("result", "notFound");
      out.put("why", "no route template matches this path under any method"
          + " (the gateway answers 404)");
    }
    return out;
  }

  private static void matched(
      Map<String, Object> out,
      RuntimeSnapshot snapshot,
      MatchResult.Matched<MethodRoute> matched,
      String rawQuery,
      List<RouteCandidates.Candidate> candidates,
      String method) {
    MethodRoute route = matched.route();
    BindingPlan plan = route.request();
    TranscoderOptions options = snapshot.transcoder().options();
    long rivals = candidates.stream().filter(RouteCandidates.Candidate::methodMatches).count();
    out.put("result", "matched");
    out.put("route", RouteJson.of(route, snapshot));
    out.put("why", rivals <= 1
        ? "the only route for " + method + " whose template matches this path"
        : rivals + " routes match this path under " + method + "; " + PRECEDENCE + ", so "
            + route.describe() + " is the most specific");
    out.put("candidates", candidatesJson(candidates, route));
    out.put("shadowed", shadowed(snapshot.transcoder().conflicts(), route));
    out.put("verb", matched.verb());
    out.put("pathVariables", PathVariables.capture(route.binding().template(), matched.segments()));
    out.put("binding", plan.describe());
    out.put("queryParameters", queryParameters(plan, options, rawQuery));
    out.put("unknownQueryParameters",
        options.unknownQueryParameters().name().toLowerCase(Locale.ROOT));
  }

  private static List<Map<String, Object>> candidatesJson(
      List<RouteCandidates.Candidate> candidates, MethodRoute served) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RouteCandidates.Candidate c : candidates) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("route", c.route().describe());
      entry.put("methodMatches", c.methodMatches());
      entry.put("served", c.route() == served);
      out.add(entry);
    }
    return out;
  }

  /** The conflicts this route won: routes with the same shape that are never served. */
  private static List<String> shadowed(List<RouteConflict> conflicts, MethodRoute route) {
    String name = BindingPrecedence.describe(route.binding());
    List<String> out = new ArrayList<>();
    for (RouteConflict conflict : conflicts) {
      if (conflict.winner().equals(name)) {
        out.add(conflict.toString());
      }
    }
    return out;
  }

  private static List<Map<String, Object>> queryParameters(
      BindingPlan plan, TranscoderOptions options, String rawQuery) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (QueryNames.Name name : QueryNames.parse(rawQuery, options.queryPlusAsSpace())) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", name.decoded() == null ? name.raw() : name.decoded());
      if (name.decoded() == null) {
        entry.put("outcome", "rejected");
        entry.put("problem", "malformed percent-encoding in query parameter name " + name.raw());
      } else {
        String problem = plan.queryParameterProblem(name.decoded()).orElse(null);
        if (problem != null) {
          entry.put("outcome", "rejected");
          entry.put("problem", problem + " (the gateway answers 400)");
        } else if (options.ignoredQueryParameters().contains(name.decoded())) {
          entry.put("outcome", "ignored");
        } else {
          entry.put("outcome", "accepted");
        }
      }
      out.add(entry);
    }
    return out;
  }
}
