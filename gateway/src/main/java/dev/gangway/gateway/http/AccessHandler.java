package dev.gangway.gateway.http;

import com.google.rpc.Code;
import dev.gangway.gateway.access.AccessPolicy;
import dev.gangway.gateway.access.RoutePolicy;
import dev.gangway.gateway.auth.Failure;
import dev.gangway.gateway.auth.Identity;
import dev.gangway.gateway.auth.RequestAuth;
import dev.gangway.gateway.auth.Verdict;
import dev.gangway.gateway.ratelimit.RateDecision;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.MethodRoute;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The access stage: checks a matched request against its route's {@link RoutePolicy} before
 * anything reaches a backend. Authentication first (401 with {@code WWW-Authenticate}, RFC 6750
 * section 3, or 403), then rate limits (429 with {@code Retry-After} and {@code RateLimit-*}, or
 * 503 when the shared store is down and fails closed); a request that passes carries an
 * {@link AccessOutcome} for the metadata and continues to {@code next}.
 *
 * <p>Thread-safe and stateless. Never blocks: a JWT with an unknown key id waits for the JWKS
 * refresh, and a Redis-backed bucket for its command, as futures; the exchange is dispatched and
 * resumes on its IO thread.
 */
final class AccessHandler {
  private AccessHandler() {}

  /**
   * A handler for routed requests (HTTP and WebSocket), which reads {@link Attachments#ROUTED}
   * and checks the route's method's policy.
   */
  static HttpHandler forRoutes(HttpHandler next) {
    return exchange -> {
      Routed routed = exchange.getAttachment(Attachments.ROUTED);
      MethodRoute route = routed.route();
      String name = route.method().getFullName(); // pkg.Service.Method, as selectors spell it
      boolean stream = route.serverStreaming() || route.clientStreaming();
      check(exchange, routed.snapshot(), routed.snapshot().access().forMethod(name), name, stream,
          next);
    };
  }

  /**
   * Checks {@code policy} for {@code route}, then runs {@code next} on the exchange (on its IO
   * thread, possibly after this returns) or answers the refusal.
   */
  static void check(HttpServerExchange exchange, RuntimeSnapshot snapshot, RoutePolicy policy,
      String route, boolean stream, HttpHandler next) throws Exception {
    ExchangeCredentials credentials = new ExchangeCredentials(exchange);
    Verdict verdict = policy.requirement().evaluate(new RequestAuth(credentials, false));
    if (verdict instanceof Verdict.Wait wait) {
      resumeAfter(exchange, wait.ready(), () -> {
        Verdict again = policy.requirement().evaluate(new RequestAuth(credentials, true));
        authenticated(exchange, snapshot, policy, route, stream, again, next);
      });
      return;
    }
    authenticated(exchange, snapshot, policy, route, stream, verdict, next);
  }

  private static void authenticated(HttpServerExchange exchange, RuntimeSnapshot snapshot,
      RoutePolicy policy, String route, boolean stream, Verdict verdict, HttpHandler next)
      throws Exception {
    if (verdict instanceof Verdict.Missed missed) {
      refuse(exchange, snapshot, policy, missed.failure());
      return;
    }
    if (!(verdict instanceof Verdict.Met met)) {
      // A second Wait cannot happen (RequestAuth turns it into a rejection); refuse to be safe.
      Responses.status(exchange, snapshot.transcoder(), Code.UNAUTHENTICATED,
          "authentication could not complete");
      return;
    }
    AccessPolicy access = snapshot.access();
    if (access.limiter().isEmpty() || policy.limits().isEmpty()) {
      proceed(exchange, access, met.identity(),
          new RateDecision.Allowed(Optional.empty(), List.of()), next);
      return;
    }
    String address = access.clientAddress().of(new ExchangeCredentials(exchange).peerAddress(),
        Optional.ofNullable(exchange.getRequestHeaders().getFirst(HeaderMapping.FORWARDED_FOR)));
    CompletableFuture<RateDecision> decision = access.limiter().get()
        .check(policy.limits(), route, met.identity(), address, stream);
    if (decision.isDone()) {
      decided(exchange, snapshot, met.identity(), decision.join(), next);
      return;
    }
    resumeAfter(exchange, decision,
        () -> decided(exchange, snapshot, met.identity(), decision.join(), next));
  }

  private static void decided(HttpServerExchange exchange, RuntimeSnapshot snapshot,
      Optional<Identity> identity, RateDecision decision, HttpHandler next) throws Exception {
    if (decision instanceof RateDecision.Allowed allowed) {
      RateLimitHeaders.add(exchange, allowed.quota());
      proceed(exchange, snapshot.access(), identity, allowed, next);
    } else if (decision instanceof RateDecision.Limited limited) {
      RateLimitHeaders.add(exchange, limited.quota());
      RateLimitHeaders.retryAfter(exchange, limited.retryAfterSeconds());
      Responses.status(exchange, snapshot.transcoder(), Code.RESOURCE_EXHAUSTED,
          limited.message());
    } else {
      Responses.status(exchange, snapshot.transcoder(), Code.UNAVAILABLE,
          ((RateDecision.Unavailable) decision).message());
    }
  }

  private static void proceed(HttpServerExchange exchange, AccessPolicy access,
      Optional<Identity> identity, RateDecision.Allowed rate, HttpHandler next) throws Exception {
    exchange.putAttachment(Attachments.ACCESS,
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
    next.handleRequest(exchange);
  }

  private static void refuse(HttpServerExchange exchange, RuntimeSnapshot snapshot,
      RoutePolicy policy, Failure failure) {
    if (failure.kind() == Failure.Kind.UNAUTHENTICATED) {
      Challenges.add(exchange, policy.requirement(), failure);
      Responses.status(exchange, snapshot.transcoder(), Code.UNAUTHENTICATED,
          "unauthenticated: " + failure.message());
    } else {
      if (failure.bearerError().isPresent()) {
        Challenges.add(exchange, policy.requirement(), failure);
      }
      Responses.status(exchange, snapshot.transcoder(), Code.PERMISSION_DENIED,
          "permission denied: " + failure.message());
    }
  }

  /**
   * Keeps the exchange open until {@code ready} completes, then runs {@code step} on the
   * exchange's IO thread as a root handler call (so that a step that does not dispatch ends the
   * exchange as usual).
   */
  private static void resumeAfter(HttpServerExchange exchange, CompletableFuture<?> ready,
      Responses.Step step) {
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> ready.whenComplete((value, failure) ->
        exchange.dispatch(exchange.getIoThread(),
            ex -> Responses.guarded(ex, step))));
  }
}
