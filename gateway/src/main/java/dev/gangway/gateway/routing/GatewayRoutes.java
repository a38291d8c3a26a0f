package dev.gangway.gateway.routing;

import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.compose.CompositeRoutes;
import dev.gangway.gateway.config.StaticConfig;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.json.JsonCodec;
import dev.gangway.transcoder.internal.routing.RouteTable;
import dev.gangway.transcoder.routing.MatchResult;
import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every route of a snapshot, of every kind, in one table: static sites, transcoded methods (unary,
 * streaming, WebSocket) and composites. The request chain, the WebSocket upgrade and {@code
 * /admin/explain} all ask {@link #match}, so they cannot disagree.
 *
 * <p>Matching, in this order:
 * <ol>
 *   <li>A published file (the OpenAPI documents) whose path is the whole path: one map lookup.
 *       GET and HEAD only; another method is 405.
 *   <li>A static site whose prefix starts the path (the longest): it shadows every route under it
 *       (docs/configuration.md#static). GET and HEAD only; another method is 405.
 *   <li>One walk of one trie (the transcoder's {@link RouteTable}) holding the transcoded routes
 *       and the composites together: literal before {@code *} before {@code **}, the most specific
 *       template wins, verbs split once. A composite with the same method and path shape as
 *       another route is a load error, so no request is ambiguous.
 *   <li>A WebSocket upgrade is matched under its own key, {@value #UPGRADE}, under which every
 *       route of GET, POST, PUT, PATCH and DELETE is registered too, since a browser opens every
 *       WebSocket with GET: among routes of one path shape a streaming method wins over a unary one
 *       and a composite, then GET before POST, PUT, PATCH, DELETE.
 * </ol>
 *
 * <p>Immutable and thread-safe; built once per snapshot by {@link #compile}. Per request: a prefix
 * check per static site and one trie walk.
 */
public final class GatewayRoutes {
  /**
   * The key an upgrade is matched under: not an HTTP method token (RFC 9110 section 9.1 allows no
   * parentheses), so no plain request can reach these entries.
   */
  static final String UPGRADE = "(websocket)";

  /** The methods whose routes a WebSocket upgrade can reach, in order of preference. */
  public static final List<String> UPGRADE_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private static final List<String> STATIC_METHODS = List.of("GET", "HEAD");

  private final List<GatewayRoute> all;
  private final Map<String, GatewayRoute.Published> published;
  private final List<GatewayRoute.StaticSite> sites;
  private final RouteTable<GatewayRoute> table;
  /** gRPC-Web and Connect routes by path, {@code /package.Service/Method}. */
  private final Map<String, GatewayRoute.Rpc> rpcs;

  private GatewayRoutes(List<GatewayRoute> all, Map<String, GatewayRoute.Published> published,
      List<GatewayRoute.StaticSite> sites, RouteTable<GatewayRoute> table,
      Map<String, GatewayRoute.Rpc> rpcs) {
    this.all = List.copyOf(all);
    this.published = Map.copyOf(published);
    this.sites = List.copyOf(sites);
    this.table = table;
    this.rpcs = Map.copyOf(rpcs);
  }

  /**
   * Compiles the routes of one snapshot: a backend binding and (for client streams) the WebSocket
   * follow-up plan per transcoded method, a resource handler per static site.
   *
   * @param published the files generated with the snapshot (OpenAPI documents, the docs page),
   *     by exact path (unique paths), and the sites the gateway ships (the docs page's assets),
   *     matched with the static sites
   * @param staticFiles the {@code static} config section
   * @param transcoder the snapshot's transcoder, whose served routes become transcoded routes
   * @param backends the binding of every method the transcoder serves
   * @param composites the snapshot's compiled composites (checked for conflicts already)
   * @param codec the snapshot's JSON codec, for the follow-up plans
   * @param semantics the compiled {@code routes} entries by gRPC method full name
   */
  public static GatewayRoutes compile(Published published, List<StaticConfig> staticFiles,
      Transcoder transcoder, BackendBindings backends, CompositeRoutes composites,
      JsonCodec codec, Map<String, HttpSemantics> semantics) {
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(staticFiles, "staticFiles");
    Objects.requireNonNull(transcoder, "transcoder");
    Objects.requireNonNull(backends, "backends");
    Objects.requireNonNull(composites, "composites");
    Objects.requireNonNull(codec, "codec");
    List<GatewayRoute> all = new ArrayList<>();
    Map<String, GatewayRoute.Published> byPath = new HashMap<>();
    for (PublishedFile file : published.files()) {
      GatewayRoute.Published route = new GatewayRoute.Published(all.size(), file);
      if (byPath.putIfAbsent(file.path(), route) != null) {
        throw new IllegalArgumentException("two published files at " + file.path());
      }
      all.add(route);
    }
    List<GatewayRoute.StaticSite> sites = new ArrayList<>();
    for (PublishedSite site : StaticSites.longestPrefixFirst(staticFiles, published.sites())) {
      HttpHandler files = StaticSites.files(site.resources(), transcoder);
      GatewayRoute.StaticSite route = new GatewayRoute.StaticSite(all.size(), site.prefix(), files);
      sites.add(route);
      all.add(route);
    }
    RouteTable.Builder<GatewayRoute> table =
        RouteTable.builder(Comparator.comparingInt(GatewayRoutes::upgradeRank),
            GatewayRoute::describe);
    for (MethodRoute method : transcoder.routes()) {
      GatewayRoute.Transcoded route = new GatewayRoute.Transcoded(all.size(), method,
          bound(backends, method), followUp(method, transcoder, codec),
          semantics.getOrDefault(method.method().getFullName(), HttpSemantics.PLAIN));
      all.add(route);
      add(table, method.binding().httpMethod(), route, method);
    }
    for (CompositePlan plan : composites.plans()) {
      GatewayRoute.Composite route = new GatewayRoute.Composite(all.size(), plan);
      all.add(route);
      table.add(plan.httpMethod(), plan.template(), route);
      if (plan.httpMethod().equals("GET")) {
        table.add(UPGRADE, plan.template(), route);
      }
    }
    Map<String, GatewayRoute.Rpc> rpcs = RpcRoutes.compile(transcoder, backends, codec, all);
    return new GatewayRoutes(all, byPath, sites, table.build(), rpcs);
  }

  private static void add(RouteTable.Builder<GatewayRoute> table, String httpMethod,
      GatewayRoute route, MethodRoute method) {
    table.add(httpMethod, method.binding().template(), route);
    if (UPGRADE_METHODS.contains(httpMethod) || httpMethod.equals(RouteTable.ANY_METHOD)) {
      table.add(UPGRADE, method.binding().template(), route);
    }
  }

  private static BoundMethod bound(BackendBindings backends, MethodRoute method) {
    return backends.method(method.method()).orElseThrow(() -> new IllegalArgumentException(
        "the backend bindings do not cover " + method.grpcMethodName()));
  }

  private static Optional<BindingPlan> followUp(
      MethodRoute method, Transcoder transcoder, JsonCodec codec) {
    if (!method.clientStreaming() || method.request().rawBody()) {
      return Optional.empty();
    }
    return Optional.of(FollowUpPlans.compile(method, transcoder.options(), codec));
  }

  /**
   * The conflict order of routes registered under {@value #UPGRADE} with one path shape:
   * streaming methods, then unary ones, then composites; within each, by {@link
   * #UPGRADE_METHODS}. Under real methods routes never conflict here: the transcoder serves one
   * route per shape and composites that would conflict are load errors.
   */
  private static int upgradeRank(GatewayRoute route) {
    if (route instanceof GatewayRoute.Transcoded t) {
      int verb = UPGRADE_METHODS.indexOf(t.method().binding().httpMethod());
      int order = verb < 0 ? UPGRADE_METHODS.size() : verb;
      return (t.streaming() ? 0 : 10) + order;
    }
    return 20;
  }

  /**
   * The one match of a request.
   *
   * @param httpMethod the request method as sent
   * @param rawPath the request path, still percent-encoded, without query
   * @param upgrade whether the request is a WebSocket upgrade (a GET with {@code Upgrade:
   *     websocket})
   */
  public RouteMatch match(String httpMethod, String rawPath, boolean upgrade) {
    GatewayRoute.Published file = published.isEmpty() ? null : published.get(rawPath);
    if (file != null) {
      return STATIC_METHODS.contains(httpMethod)
          ? new RouteMatch.Matched(file, RouteKind.PUBLISHED_FILE, upgrade, List.of(), "")
          : new RouteMatch.MethodNotAllowed(STATIC_METHODS);
    }
    for (GatewayRoute.StaticSite site : sites) {
      if (rawPath.startsWith(site.prefix())) {
        return STATIC_METHODS.contains(httpMethod)
            ? new RouteMatch.Matched(site, RouteKind.STATIC_SITE, upgrade, List.of(), "")
            : new RouteMatch.MethodNotAllowed(STATIC_METHODS);
      }
    }
    MatchResult<GatewayRoute> result = table.match(upgrade ? UPGRADE : httpMethod, rawPath);
    if (result instanceof MatchResult.Matched<GatewayRoute> m) {
      return new RouteMatch.Matched(
          m.route(), kind(m.route(), upgrade), upgrade, m.segments(), m.verb());
    }
    if (result instanceof MatchResult.MethodNotAllowed<GatewayRoute> notAllowed && !upgrade) {
      List<String> allowed = new ArrayList<>(notAllowed.allowed());
      allowed.remove(UPGRADE);
      return new RouteMatch.MethodNotAllowed(allowed);
    }
    if (!upgrade && rpcs.containsKey(rawPath)) {
      // A gRPC-Web or Connect path asked without such a content type (a CORS preflight, say).
      return new RouteMatch.MethodNotAllowed(RPC_METHODS);
    }
    return new RouteMatch.NotFound(upgrade);
  }

  private static final List<String> RPC_METHODS = List.of("POST");

  /**
   * The match of a gRPC-Web or Connect request (its content type says so): the method's route
   * at {@code /package.Service/Method} under POST, 405 under another method, else not found.
   * REST routes are not asked: such a request is an RPC, wherever it is sent.
   */
  public RouteMatch matchRpc(String httpMethod, String rawPath) {
    GatewayRoute.Rpc route = rpcs.get(rawPath);
    if (route == null) {
      return new RouteMatch.NotFound(false);
    }
    if (!httpMethod.equals("POST")) {
      return new RouteMatch.MethodNotAllowed(RPC_METHODS);
    }
    return new RouteMatch.Matched(route, RouteKind.RPC, false, List.of(), "");
  }

  private static RouteKind kind(GatewayRoute route, boolean upgrade) {
    if (route instanceof GatewayRoute.Transcoded t) {
      return upgrade && t.streaming() ? RouteKind.WEBSOCKET : t.httpKind();
    }
    return route instanceof GatewayRoute.Composite ? RouteKind.COMPOSITE : RouteKind.STATIC_SITE;
  }

  /**
   * Every route, by {@link GatewayRoute#id()}: published files, static sites, transcoded routes,
   * composites.
   */
  public List<GatewayRoute> all() {
    return all;
  }
}
