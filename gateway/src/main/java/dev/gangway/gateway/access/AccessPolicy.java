package dev.gangway.gateway.access;

import dev.gangway.gateway.auth.Authenticator;
import dev.gangway.gateway.auth.JwksSource;
import dev.gangway.gateway.config.RateLimitsConfig.FailureMode;
import dev.gangway.gateway.config.SelectorTable;
import dev.gangway.gateway.ratelimit.BucketStore.StoreState;
import dev.gangway.gateway.ratelimit.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The compiled {@code auth}, {@code access} and {@code rate_limits} sections of one snapshot:
 * which {@link RouteAccess} each route takes, the identity metadata and the rate limiter.
 *
 * <p>Immutable and thread-safe. A route's policy is found by its gRPC method's full name (the
 * exact name, then each enclosing {@code prefix.*} from the longest, then {@code *}, then
 * {@code access.default}; {@link SelectorTable}) or by {@code composite:NAME}: a few map probes,
 * no pattern matching.
 * Built by {@link AccessServices#compile}.
 */
public final class AccessPolicy {
  private final SelectorTable<RouteAccess> selectors;
  /** {@code access.default}: a route no selector covers. */
  private final RouteAccess fallback;
  private final IdentityMetadata identity;
  private final Optional<RateLimiter> limiter;
  private final List<Authenticator> authenticators;
  private final List<JwksSource> jwks;
  private final Set<String> credentialQueryNames;

  AccessPolicy(SelectorTable<RouteAccess> selectors, RouteAccess fallback,
      IdentityMetadata identity, Optional<RateLimiter> limiter,
      List<Authenticator> authenticators, List<JwksSource> jwks,
      Set<String> credentialQueryNames) {
    this.selectors = Objects.requireNonNull(selectors, "selectors");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.identity = identity;
    this.limiter = limiter;
    this.authenticators = List.copyOf(authenticators);
    this.jwks = List.copyOf(jwks);
    this.credentialQueryNames = Set.copyOf(credentialQueryNames);
  }

  /** Every route public and unlimited, no identity: for snapshots built without access config. */
  public static AccessPolicy open() {
    return new AccessPolicy(SelectorTable.<RouteAccess>builder(true).build(), RouteAccess.OPEN,
        new IdentityMetadata(dev.gangway.gateway.config.AuthConfig.IdentityConfig.DEFAULT),
        Optional.empty(), List.of(), List.of(), Set.of());
  }

  /** The policy of the route serving gRPC method {@code fullMethodName}. */
  public RouteAccess forMethod(String fullMethodName) {
    return selectors.find(fullMethodName).orElse(fallback);
  }

  /** The policy of the composite route {@code name}. */
  public RouteAccess forComposite(String name) {
    return selectors.findWhole(routeName(name)).orElse(fallback);
  }

  /** The route name of a composite in selectors, metrics and rate-limit keys. */
  public static String routeName(String compositeName) {
    return "composite:" + compositeName;
  }

  /**
   * The query parameters providers read credentials from ({@code query} of JWT and API-key
   * providers): removed from the request before binding, so they are neither rejected as unknown
   * fields nor sent to a backend.
   */
  public Set<String> credentialQueryNames() {
    return credentialQueryNames;
  }

  public IdentityMetadata identity() {
    return identity;
  }

  public Optional<RateLimiter> limiter() {
    return limiter;
  }

  public List<Authenticator> authenticators() {
    return authenticators;
  }

  /**
   * Why the gateway should not get traffic because of access: a JWKS URL whose keys were never
   * loaded (its providers refuse every token), or an unreachable Redis with
   * {@code on_failure: closed} (limited routes answer 503).
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (JwksSource source : jwks) {
      JwksSource.JwksState state = source.state();
      if (!state.loaded()) {
        problems.add("JWKS " + state.location() + " has no keys yet"
            + state.lastError().map(e -> " (" + e + ")").orElse(""));
      }
    }
    limiter.ifPresent(l -> {
      StoreState state = l.store().state();
      if (!state.reachable() && l.onFailure() == FailureMode.CLOSED) {
        problems.add("rate limit store " + state.store() + " is unreachable (" + state.detail()
            + "); on_failure: closed refuses limited requests with 503");
      }
    });
    return problems;
  }

  /** Degraded but serving: an unreachable Redis with {@code on_failure: open}, stale JWKS. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    for (JwksSource source : jwks) {
      JwksSource.JwksState state = source.state();
      if (state.loaded() && state.lastError().isPresent()) {
        warnings.add("JWKS " + state.location() + " serves stale keys ("
            + state.lastError().get() + ")");
      }
    }
    limiter.ifPresent(l -> {
      StoreState state = l.store().state();
      if (!state.reachable() && l.onFailure() == FailureMode.OPEN) {
        warnings.add("rate limit store " + state.store() + " is unreachable (" + state.detail()
            + "); on_failure: open lets limited requests through uncounted");
      }
    });
    return warnings;
  }
}
