package dev.gangway.gateway.access;

import dev.gangway.gateway.auth.AccessSetupException;
import dev.gangway.gateway.auth.Authenticator;
import dev.gangway.gateway.auth.Authenticators;
import dev.gangway.gateway.auth.JwksRegistry;
import dev.gangway.gateway.auth.JwksSource;
import dev.gangway.gateway.auth.Requirement;
import dev.gangway.gateway.config.AccessConfig;
import dev.gangway.gateway.config.AccessConfig.AccessRule;
import dev.gangway.gateway.config.AuthConfig;
import dev.gangway.gateway.config.AuthConfig.JwksConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.RateLimitsConfig;
import dev.gangway.gateway.config.SelectorTable;
import dev.gangway.gateway.ratelimit.Limit;
import dev.gangway.gateway.ratelimit.Limits;
import dev.gangway.gateway.ratelimit.RateLimiter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The access services of a running gateway that outlive snapshots: JWKS URL sources (one per URL,
 * kept while a snapshot names it) and rate limiters (one per store setting, so a reload that keeps
 * the store keeps counting). Compiles each snapshot's {@link AccessPolicy} from them.
 *
 * <p>Thread-safe (synchronized); used by snapshot builds and after swaps, never per request.
 */
public final class AccessServices implements AutoCloseable {
  private final JwksRegistry jwks;
  private final Map<LimiterKey, RateLimiter> limiters = new HashMap<>();

  public AccessServices() {
    this(new JwksRegistry());
  }

  public AccessServices(JwksRegistry jwks) {
    this.jwks = jwks;
  }

  /** The store settings a limiter is made for. */
  private record LimiterKey(Optional<RateLimitsConfig.RedisConfig> redis, int maxLocalKeys) {
    static LimiterKey of(RateLimitsConfig config) {
      return new LimiterKey(config.redis(), config.maxLocalKeys());
    }
  }

  /**
   * Compiles the access sections of {@code config}: reads JWKS files, starts JWKS URL fetches and
   * the Redis connection when new.
   */
  public synchronized AccessPolicy compile(GatewayConfig config) throws AccessSetupException {
    AuthConfig auth = config.auth();
    Map<String, Authenticator> authenticators = new HashMap<>();
    List<Authenticator> ordered = new ArrayList<>();
    List<JwksSource> sources = new ArrayList<>();
    for (AuthConfig.ProviderConfig provider : auth.providers()) {
      Authenticator authenticator = Authenticators.create(provider, jwks, sources);
      authenticators.put(provider.name(), authenticator);
      ordered.add(authenticator);
    }
    Map<String, Limit> limits = Limits.compile(config.rateLimits());
    Optional<RateLimiter> limiter = Optional.empty();
    if (!config.rateLimits().limits().isEmpty()) {
      limiter = Optional.of(limiters.computeIfAbsent(LimiterKey.of(config.rateLimits()),
          k -> RateLimiter.create(config.rateLimits())));
    }
    AccessConfig access = config.access();
    RouteAccess fallback = policy("access.default", access.defaultRule(), authenticators, limits);
    SelectorTable.Builder<RouteAccess> selectors = SelectorTable.builder(true);
    for (int i = 0; i < access.rules().size(); i++) {
      AccessRule rule = access.rules().get(i);
      RouteAccess policy = policy("access.routes[" + i + "]", rule, authenticators, limits);
      rule.match().forEach(selector -> selectors.add(selector, policy));
    }
    Set<String> queryNames = new HashSet<>();
    for (AuthConfig.ProviderConfig provider : auth.providers()) {
      if (provider instanceof AuthConfig.JwtProvider jwt) {
        jwt.query().ifPresent(queryNames::add);
      } else if (provider instanceof AuthConfig.ApiKeyProvider keys) {
        keys.query().ifPresent(queryNames::add);
      }
    }
    return new AccessPolicy(selectors.build(), fallback, new IdentityMetadata(auth.identity()),
        limiter, ordered, sources, queryNames);
  }

  private static RouteAccess policy(String where, AccessRule rule,
      Map<String, Authenticator> authenticators, Map<String, Limit> limits) {
    Requirement requirement = Authenticators.requirement(rule.require(), authenticators);
    List<Limit> routeLimits = rule.rateLimits().stream().map(limits::get).toList();
    return new RouteAccess(where, requirement, routeLimits);
  }

  /**
   * Closes what the serving config no longer names: JWKS URLs and rate limiters. Called after a
   * snapshot swap (and after a failed first build).
   */
  public synchronized void retainOnly(GatewayConfig serving) {
    Set<JwksConfig> urls = new HashSet<>();
    for (AuthConfig.ProviderConfig provider : serving.auth().providers()) {
      if (provider instanceof AuthConfig.JwtProvider jwt && jwt.jwks().url().isPresent()) {
        urls.add(jwt.jwks());
      }
    }
    jwks.retainOnly(urls);
    LimiterKey kept = LimiterKey.of(serving.rateLimits());
    limiters.entrySet().removeIf(e -> {
      if (e.getKey().equals(kept) && !serving.rateLimits().limits().isEmpty()) {
        return false;
      }
      e.getValue().close();
      return true;
    });
  }

  @Override
  public synchronized void close() {
    limiters.values().forEach(RateLimiter::close);
    limiters.clear();
    jwks.close();
  }
}
