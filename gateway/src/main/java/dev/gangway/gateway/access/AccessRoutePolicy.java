package dev.gangway.gateway.access;

import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.gangway.gateway.auth.AccessSetupException;
import dev.gangway.gateway.auth.Failure;
import dev.gangway.gateway.auth.Identity;
import dev.gangway.gateway.auth.RequestAuth;
import dev.gangway.gateway.auth.Verdict.Met;
import dev.gangway.gateway.auth.Verdict.Missed;
import dev.gangway.gateway.client.ClientAddress;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.policy.PerRoute;
import dev.gangway.gateway.policy.PolicyException;
import dev.gangway.gateway.policy.RoutePolicy;
import dev.gangway.gateway.policy.Verdict;
import dev.gangway.gateway.ratelimit.RateDecision;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.GatewayRoutes;
import dev.gangway.gateway.routing.RouteKind;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The access policy of the chain's policy stage: authentication, then rate limits, for every
 * matched route of every kind (transcoded HTTP, streams, WebSocket upgrades, composites; static
 * sites are public). A refusal is a 401 with {@code WWW-Authenticate} (RFC 6750 section 3), a 403,
 * a 429 with {@code Retry-After} and {@code RateLimit-*}, or a 503 when the shared store fails
 * closed; a request let through carries an {@link AccessOutcome} (identity metadata, stream
 * slots) and loses its credential query parameters.
 *
 * <p>Immutable and thread-safe; one per snapshot. Never blocks: a JWT with an unknown key id
 * waits for the JWKS refresh, a Redis-backed bucket for its command, as {@link Verdict#later}.
 */
public final class AccessRoutePolicy implements RoutePolicy {
  private final AccessPolicy access;
  private final PerRoute<RouteAccess> routes;

  private AccessRoutePolicy(AccessPolicy access, PerRoute<RouteAccess> routes) {
    this.access = access;
    this.routes = routes;
  }

  /**
   * The factory, with the gateway's long-lived access services; its policy is there whenever
   * the snapshot was built by it (an {@code access} section or not), so that identity names are
   * always stripped.
   */
  public static RoutePolicy.Factory factory(AccessServices services) {
    return (GatewayConfig config, GatewayRoutes routes) -> {
      AccessPolicy access;
      try {
        access = services.compile(config);
      } catch (AccessSetupException e) {
        throw new PolicyException(e.getMessage());
      }
      return Optional.of(new AccessRoutePolicy(access, PerRoute.resolve(routes, route ->
          resolve(access, route))));
    };
  }

  private static RouteAccess resolve(AccessPolicy access, GatewayRoute route) {
    if (route instanceof GatewayRoute.Transcoded t) {
      return access.forMethod(t.method().method().getFullName());
    }
    if (route instanceof GatewayRoute.Composite c) {
      return access.forComposite(c.plan().name());
    }
    if (route instanceof GatewayRoute.Rpc r) {
      // gRPC-Web and Connect reach the same method: the same rules apply.
      return access.forMethod(r.method().getFullName());
    }
    if (route instanceof GatewayRoute.StaticSite || route instanceof GatewayRoute.Published) {
      return RouteAccess.OPEN; // public pages, assets and the API's own description
    }
    // A route kind added later must say how it is protected: fail the snapshot, never serve open.
    throw new IllegalStateException("no access rule for route kind " + route.getClass().getName());
  }

  /** The compiled access sections this policy checks with (admin, explain, readiness). */
  public AccessPolicy access() {
    return access;
  }

  /** The route's access, for the admin API. */
  public RouteAccess forRoute(GatewayRoute route) {
    return routes.get(route);
  }

  @Override
  public Verdict check(HttpServerExchange exchange, RouteMatch match) {
    if (!(match instanceof RouteMatch.Matched matched)) {
      return Verdict.proceed();
    }
    RouteAccess route = routes.get(matched.route());
    RouteKind kind = matched.kind();
    boolean stream = kind == RouteKind.SERVER_STREAMING || kind == RouteKind.CLIENT_STREAMING
        || kind == RouteKind.WEBSOCKET
        || (matched.route() instanceof GatewayRoute.Rpc r && r.method().isServerStreaming());
    String name = matched.route() instanceof GatewayRoute.Composite c
        ? AccessPolicy.routeName(c.plan().name())
        : matched.route() instanceof GatewayRoute.Transcoded t
            ? t.method().method().getFullName()
            : matched.route() instanceof GatewayRoute.Rpc r
                ? r.method().getFullName() : matched.route().describe();
    ExchangeCredentials credentials = new ExchangeCredentials(exchange);
    dev.gangway.gateway.auth.Verdict verdict =
        route.requirement().evaluate(new RequestAuth(credentials, false));
    if (verdict instanceof dev.gangway.gateway.auth.Verdict.Wait wait) {
      CompletionStage<Verdict> later = wait.ready().handle((v, e) -> null).thenCompose(v ->
          limits(exchange, route, name, stream,
              route.requirement().evaluate(new RequestAuth(credentials, true))));
      return Verdict.later(later);
    }
    CompletableFuture<Verdict> decided = limits(exchange, route, name, stream, verdict);
    return decided.isDone() ? decided.join() : Verdict.later(decided);
  }

  private CompletableFuture<Verdict> limits(HttpServerExchange exchange, RouteAccess route,
      String name, boolean stream, dev.gangway.gateway.auth.Verdict verdict) {
    if (verdict instanceof Missed missed) {
      return CompletableFuture.completedFuture(refuse(exchange, route, missed.failure()));
    }
    if (!(verdict instanceof Met met)) {
      return CompletableFuture.completedFuture(Verdict.reject(status(Code.UNAUTHENTICATED,
          "unauthenticated: authentication could not complete")));
    }
    if (access.limiter().isEmpty() || route.limits().isEmpty()) {
      return CompletableFuture.completedFuture(proceed(exchange, met.identity(),
          new RateDecision.Allowed(Optional.empty(), List.of())));
    }
    String address = ClientAddress.of(exchange).address();
    return access.limiter().get()
        .check(route.limits(), name, met.identity(), address, stream)
        .thenApply(decision -> decided(exchange, met.identity(), decision));
  }

  private Verdict decided(HttpServerExchange exchange, Optional<Identity> identity,
      RateDecision decision) {
    if (decision instanceof RateDecision.Allowed allowed) {
      RateLimitHeaders.add(exchange, allowed.quota());
      return proceed(exchange, identity, allowed);
    }
    if (decision instanceof RateDecision.Limited limited) {
      RateLimitHeaders.add(exchange, limited.quota());
      RateLimitHeaders.retryAfter(exchange, limited.retryAfterSeconds());
      return Verdict.reject(status(Code.RESOURCE_EXHAUSTED, limited.message()));
    }
    return Verdict.reject(status(Code.UNAVAILABLE,
        ((RateDecision.Unavailable) decision).message()));
  }

  private Verdict proceed(HttpServerExchange exchange, Optional<Identity> identity,
      RateDecision.Allowed rate) {
    exchange.putAttachment(AccessOutcome.KEY,
        new AccessOutcome(identity, access.identity(), rate));
    CredentialParameters.strip(exchange, access.credentialQueryNames());
    if (!rate.slots().isEmpty()) {
      // A WebSocket gives its slots back when the socket closes (WebSocketOpenHandler); every
      // other stream when its exchange ends.
      exchange.addExchangeCompleteListener((ex, nextListener) -> {
        try {
          if (ex.getStatusCode() != 101) {
            rate.release();
          }
        } finally {
          nextListener.proceed();
        }
      });
    }
    return Verdict.proceed();
  }

  private static Verdict refuse(HttpServerExchange exchange, RouteAccess route, Failure failure) {
    if (failure.kind() == Failure.Kind.UNAUTHENTICATED) {
      Challenges.add(exchange, route.requirement(), failure);
      return Verdict.reject(
          status(Code.UNAUTHENTICATED, "unauthenticated: " + failure.message()));
    }
    if (failure.bearerError().isPresent()) {
      Challenges.add(exchange, route.requirement(), failure);
    }
    return Verdict.reject(
        status(Code.PERMISSION_DENIED, "permission denied: " + failure.message()));
  }

  private static Status status(Code code, String message) {
    return Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
  }

  /** The access of a snapshot's policies, or every route open when none checks access. */
  public static AccessPolicy of(List<RoutePolicy> policies) {
    for (RoutePolicy policy : policies) {
      if (policy instanceof AccessRoutePolicy a) {
        return a.access;
      }
    }
    return AccessPolicy.open();
  }
}
