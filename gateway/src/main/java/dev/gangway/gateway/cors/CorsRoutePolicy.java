package dev.gangway.gateway.cors;

import dev.gangway.gateway.config.CorsConfig;
import dev.gangway.gateway.config.CorsConfig.CorsRule;
import dev.gangway.gateway.config.CorsConfig.CorsSettings;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.SelectorTable;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.policy.PerRoute;
import dev.gangway.gateway.policy.RoutePolicy;
import dev.gangway.gateway.policy.Verdict;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.GatewayRoutes;
import dev.gangway.gateway.routing.RawPath;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CORS policy of the chain's policy stage (the Fetch standard's CORS protocol), for every
 * route kind: unary, streams, client streams, composites, static sites and WebSocket upgrades.
 *
 * <ul>
 *   <li>A <b>preflight</b> ({@code OPTIONS} with {@code Origin} and
 *       {@code Access-Control-Request-Method}) is answered here and reaches neither a backend nor
 *       an {@code OPTIONS} route: 204 with the {@code Access-Control-Allow-*} headers, or 403
 *       {@code PERMISSION_DENIED} naming the origin, method or header that is not allowed (and no
 *       {@code Access-Control-*} header, so the browser refuses the call). Its settings are those
 *       of the route the actual request would take ({@link GatewayRoutes#match} with the
 *       requested method), else the defaults.
 *   <li>Any other request with an allowed {@code Origin} gets {@code Access-Control-Allow-Origin}
 *       (and credentials, exposed headers) and goes on; a disallowed origin gets no CORS header
 *       and goes on too (the browser keeps the answer from the page). Responses of routes with
 *       CORS on carry {@code Vary: Origin}.
 *   <li>A WebSocket handshake whose origin the route allows is marked {@link #ORIGIN_ALLOWED},
 *       which the WebSocket origin check accepts besides {@code websocket.allowed_origins}.
 * </ul>
 *
 * <p>Immutable and thread-safe; one per snapshot, present only when the {@code cors} section
 * allows some origin. Never blocks.
 */
public final class CorsRoutePolicy implements RoutePolicy {
  /** Set on a WebSocket handshake whose {@code Origin} the route's CORS settings allow. */
  public static final AttachmentKey<Boolean> ORIGIN_ALLOWED = AttachmentKey.create(Boolean.class);

  static final HttpString REQUEST_METHOD =
      HttpString.tryFromString("Access-Control-Request-Method");
  static final HttpString REQUEST_HEADERS =
      HttpString.tryFromString("Access-Control-Request-Headers");

  private final GatewayRoutes routes;
  private final CorsRules defaults;
  private final PerRoute<CorsRules> perRoute;

  private CorsRoutePolicy(GatewayRoutes routes, CorsRules defaults, PerRoute<CorsRules> perRoute) {
    this.routes = routes;
    this.defaults = defaults;
    this.perRoute = perRoute;
  }

  /** The factory: no policy unless the {@code cors} section allows some origin. */
  public static RoutePolicy.Factory factory() {
    return (GatewayConfig config, GatewayRoutes routes) -> {
      CorsConfig cors = config.cors();
      if (!cors.enabled()) {
        return Optional.empty();
      }
      RouteSelection selection = new RouteSelection(cors);
      return Optional.of(new CorsRoutePolicy(routes, selection.defaults,
          PerRoute.resolve(routes, selection::rulesOf)));
    };
  }

  @Override
  public Verdict check(HttpServerExchange exchange, RouteMatch match) {
    HeaderMap request = exchange.getRequestHeaders();
    String origin = request.getFirst(Headers.ORIGIN);
    String requestedMethod = request.getFirst(REQUEST_METHOD);
    if (origin != null && requestedMethod != null
        && exchange.getRequestMethod().equals(Methods.OPTIONS)) {
      CorsRules rules =
          rulesOf(routes.match(requestedMethod.trim(), RawPath.of(exchange), false));
      return rules.enabled()
          ? Preflight.answer(exchange, rules, origin, requestedMethod.trim())
          : Verdict.proceed();
    }
    CorsRules rules = rulesOf(match);
    if (!rules.enabled()) {
      return Verdict.proceed();
    }
    HeaderMap response = exchange.getResponseHeaders();
    rules.varyByOrigin(response);
    if (origin != null && rules.allowsOrigin(origin)) {
      rules.allowOrigin(response, origin);
      rules.expose(exchange);
      exchange.putAttachment(ORIGIN_ALLOWED, Boolean.TRUE);
    }
    return Verdict.proceed();
  }

  private CorsRules rulesOf(RouteMatch match) {
    return match instanceof RouteMatch.Matched matched ? perRoute.get(matched.route()) : defaults;
  }

  /**
   * Which rule each route takes: by gRPC method (exact, then each enclosing {@code prefix.*}
   * from the longest, then {@code *}), by {@code composite:NAME} (then {@code *}); static sites
   * by {@code *}; else the defaults. Setup code, used once per snapshot.
   */
  private static final class RouteSelection {
    private final CorsRules defaults;
    private final SelectorTable<CorsRules> selectors;

    RouteSelection(CorsConfig cors) {
      this.defaults = new CorsRules(cors.defaults());
      Map<CorsSettings, CorsRules> compiled = new IdentityHashMap<>();
      SelectorTable.Builder<CorsRules> table = SelectorTable.builder(true);
      for (CorsRule rule : cors.rules()) {
        CorsRules rules = compiled.computeIfAbsent(rule.settings(), CorsRules::new);
        rule.match().forEach(selector -> table.add(selector, rules));
      }
      this.selectors = table.build();
    }

    CorsRules rulesOf(GatewayRoute route) {
      Optional<CorsRules> found;
      if (route instanceof GatewayRoute.Transcoded t) {
        found = selectors.find(t.method().method().getFullName());
      } else if (route instanceof GatewayRoute.Composite c) {
        found = selectors.findWhole("composite:" + c.plan().name());
      } else {
        found = selectors.any();
      }
      return found.orElse(defaults);
    }
  }

  /** The answer to a preflight, from the settings of the route it asks about. */
  private static final class Preflight {
    private Preflight() {}

    static Verdict answer(
        HttpServerExchange exchange, CorsRules rules, String origin, String method) {
      HeaderMap response = exchange.getResponseHeaders();
      rules.varyByOrigin(response);
      CorsRules.addVary(response, "Access-Control-Request-Method");
      CorsRules.addVary(response, "Access-Control-Request-Headers");
      if (!rules.allowsOrigin(origin)) {
        return Verdict.reject(GatewayError.CORS_ORIGIN.status(origin));
      }
      if (!rules.allowsMethod(method)) {
        return Verdict.reject(GatewayError.CORS_METHOD.status(method, rules.allowMethods()));
      }
      List<String> requested =
          CorsRules.requestedHeaders(exchange.getRequestHeaders().get(REQUEST_HEADERS));
      for (String header : requested) {
        if (!rules.allowsHeader(header)) {
          return Verdict.reject(GatewayError.CORS_HEADER.status(header));
        }
      }
      rules.allowOrigin(response, origin);
      response.put(CorsRules.ALLOW_METHODS, rules.allowMethods());
      if (!requested.isEmpty()) {
        response.put(CorsRules.ALLOW_HEADERS, String.join(", ", requested));
      }
      response.put(CorsRules.MAX_AGE, rules.maxAgeSeconds());
      response.put(Headers.CONTENT_LENGTH, 0);
      exchange.setStatusCode(204);
      exchange.endExchange();
      return Verdict.answered();
    }
  }
}
