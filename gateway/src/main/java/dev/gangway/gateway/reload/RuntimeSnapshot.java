package dev.gangway.gateway.reload;

import dev.gangway.gateway.observe.GatewayMetrics;
import dev.gangway.gateway.observe.RouteMeters;
import dev.gangway.gateway.policy.PerRoute;

import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.client.ClientAddressResolver;
import dev.gangway.gateway.compose.CompositeRoutes;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.HttpSemanticsConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.headers.HeaderMapping;
import dev.gangway.gateway.routing.HttpSemantics;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.gateway.backend.BoundMethod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import dev.gangway.gateway.openapi.OpenApiDocuments;
import dev.gangway.gateway.policy.PolicyException;
import dev.gangway.gateway.policy.RoutePolicies;
import dev.gangway.gateway.policy.RoutePolicy;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.GatewayRoutes;
import dev.gangway.transcoder.Transcoder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one request needs, built off the request path and swapped whole on reload: the
 * configuration, the transcoder (routes, plans, codec), the backend binding of every method, the
 * compiled composite routes, the one route table of every kind of route, the client-address
 * resolver, the header mapping and the route policies, the published OpenAPI documents. Nothing
 * in it is compiled lazily; a reload replaces all of it at once.
 *
 * <p>Immutable and thread-safe. A handler reads {@link SnapshotHolder#current()} once and uses that
 * snapshot for the whole request, so a reload never tears a request.
 *
 * @param routes every route of every kind, matched once per request
 * @param clientAddresses resolves each request's client behind {@code server.trusted_proxies}
 * @param headerMapping the {@code headers} section compiled
 * @param policies the per-route policies the config turns on
 * @param meters every route's meters, resolved once for this snapshot's routes
 * @param generation 1 for the first snapshot, +1 per successful reload
 */
public record RuntimeSnapshot(
    GatewayConfig config,
    Transcoder transcoder,
    BackendBindings backends,
    CompositeRoutes composites,
    GatewayRoutes routes,
    ClientAddressResolver clientAddresses,
    HeaderMapping headerMapping,
    RoutePolicies policies,
    PerRoute<RouteMeters> meters,
    long generation,
    Instant builtAt) {

  public RuntimeSnapshot {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(transcoder, "transcoder");
    Objects.requireNonNull(backends, "backends");
    Objects.requireNonNull(composites, "composites");
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(clientAddresses, "clientAddresses");
    Objects.requireNonNull(headerMapping, "headerMapping");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(builtAt, "builtAt");
  }

  /**
   * Compiles everything derived from the config and the compiled parts: the route table, the
   * header mapping and the policies {@code policyFactories} make for this config (the gateway's
   * are {@link RoutePolicies#factories()}).
   *
   * @throws SnapshotException when a policy's config does not apply to these routes
   */
  public static RuntimeSnapshot compile(GatewayConfig config, Transcoder transcoder,
      BackendBindings backends, CompositeRoutes composites,
      List<RoutePolicy.Factory> policyFactories, long generation,
      Instant builtAt) throws SnapshotException {
    return compile(config, transcoder, backends, composites, policyFactories, generation, builtAt,
        GatewayMetrics.none());
  }

  /**
   * As above, with every route's meters resolved in {@code metrics}.
   *
   * @throws SnapshotException when a policy's config does not apply to these routes
   */
  public static RuntimeSnapshot compile(GatewayConfig config, Transcoder transcoder,
      BackendBindings backends, CompositeRoutes composites,
      List<RoutePolicy.Factory> policyFactories, long generation,
      Instant builtAt, GatewayMetrics metrics) throws SnapshotException {
    Map<String, HttpSemantics> semantics = new HashMap<>();
    for (int i = 0; i < config.routes().size(); i++) {
      RouteConfig route = config.routes().get(i);
      Optional<MethodRoute> served = transcoder.routes().stream()
          .filter(r -> r.method().getFullName().equals(route.method())).findFirst();
      if (served.isPresent() && !route.http().equals(HttpSemanticsConfig.DEFAULT)) {
        try {
          semantics.put(route.method(),
              HttpSemantics.compile(route.http(), served.get().method(), "routes[" + i + "]"));
        } catch (IllegalArgumentException e) {
          throw new SnapshotException(e.getMessage());
        }
      }
    }
    // Documents are part of the snapshot: built here, once, never per request.
    GatewayRoutes routes = GatewayRoutes.compile(
        OpenApiDocuments.compile(config, transcoder, composites, semantics), config.staticFiles(),
        transcoder, backends, composites, transcoder.codec(), semantics);
    RoutePolicies policies;
    try {
      policies = RoutePolicies.compile(policyFactories, config, routes);
    } catch (PolicyException e) {
      throw new SnapshotException(e.getMessage());
    }
    return new RuntimeSnapshot(config, transcoder, backends, composites, routes,
        new ClientAddressResolver(config.server().trustedProxies()),
        HeaderMapping.of(config.headers()), policies,
        PerRoute.resolve(routes, route -> metrics.route(route.httpMethod(), route.template(),
            route instanceof GatewayRoute.Transcoded t
                ? t.bound().backendName() : Optional.empty())),
        generation, builtAt);
  }

  /**
   * The labels of the meters this snapshot records into: its routes', and its backend methods'
   * (for {@link GatewayMetrics#retainOnly} after a reload).
   */
  public Set<GatewayMetrics.RouteLabels> meteredRoutes() {
    Set<GatewayMetrics.RouteLabels> labels = new HashSet<>();
    for (GatewayRoute route : routes.all()) {
      labels.add(new GatewayMetrics.RouteLabels(route.httpMethod(), route.template()));
    }
    return labels;
  }

  /** As {@link #meteredRoutes()}, the backend methods its calls are measured under. */
  public Set<GatewayMetrics.BackendLabels> meteredBackendMethods() {
    Set<GatewayMetrics.BackendLabels> labels = new HashSet<>();
    for (BoundMethod method : backends.methods()) {
      method.backendName().ifPresent(backend -> labels.add(new GatewayMetrics.BackendLabels(
          backend, method.grpcMethod().getFullMethodName())));
    }
    return labels;
  }
}
