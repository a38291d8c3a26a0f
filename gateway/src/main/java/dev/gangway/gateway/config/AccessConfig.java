package dev.gangway.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code access} section: who may call which route and which rate limits apply, per route
 * (docs/security.md).
 *
 * <p>Immutable.
 *
 * @param defaultRule applies to every route no rule matches ({@code access.default})
 * @param rules in file order; a route takes the most specific rule that matches it
 */
public record AccessConfig(AccessRule defaultRule, List<AccessRule> rules) {
  /** Public routes without limits: what a gateway without an {@code access} section does. */
  public static final AccessConfig DEFAULT =
      new AccessConfig(new AccessRule(List.of(), Requirement.PUBLIC, List.of()), List.of());

  public AccessConfig {
    Objects.requireNonNull(defaultRule, "defaultRule");
    rules = List.copyOf(rules);
  }

  /**
   * The rule a route takes, by the precedence the access policy applies (docs/security.md,
   * {@link SelectorTable}): the exact selector, then each enclosing {@code prefix.*} from the
   * longest, then {@code *}, then the default; a later rule naming the same selector wins. For
   * setup code (the OpenAPI document's security requirements), not for the request path.
   *
   * @param routeName a gRPC method's full name, or {@code composite:NAME}
   */
  public AccessRule ruleFor(String routeName) {
    SelectorTable.Builder<AccessRule> table = SelectorTable.builder(true);
    rules.forEach(rule -> rule.match().forEach(selector -> table.add(selector, rule)));
    SelectorTable<AccessRule> selectors = table.build();
    return (routeName.startsWith(AccessReader.COMPOSITE_PREFIX)
        ? selectors.findWhole(routeName) : selectors.find(routeName)).orElse(defaultRule);
  }

  /**
   * One rule.
   *
   * @param match route selectors: {@code pkg.Service.Method}, {@code pkg.Service.*},
   *     {@code pkg.*}, {@code *}, or {@code composite:NAME}; empty for the default rule
   * @param require who may call
   * @param rateLimits names of {@code rate_limits.limits} entries, all of which apply
   */
  public record AccessRule(List<String> match, Requirement require, List<String> rateLimits) {
    public AccessRule {
      match = List.copyOf(match);
      Objects.requireNonNull(require, "require");
      rateLimits = List.copyOf(rateLimits);
    }
  }

  /** A requirement as written: a tree of any-of / all-of over provider checks. */
  public sealed interface Requirement permits Public, ProviderCheck, AnyOf, AllOf {
    Requirement PUBLIC = new Public();
  }

  /** Anyone may call; an identity is still verified when credentials are sent. */
  public record Public() implements Requirement {}

  /**
   * Authenticated by {@code provider}, with every scope in {@code scopes} (the space-separated
   * {@code scope} claim or the {@code scp} list) and every claim in {@code claims} equal to the
   * given value (or containing it, for list claims).
   */
  public record ProviderCheck(String provider, List<String> scopes, Map<String, String> claims)
      implements Requirement {
    public ProviderCheck {
      Objects.requireNonNull(provider, "provider");
      scopes = List.copyOf(scopes);
      claims = Map.copyOf(claims);
    }
  }

  /** At least one of {@code options} holds; the first that holds gives the identity. */
  public record AnyOf(List<Requirement> options) implements Requirement {
    public AnyOf {
      options = List.copyOf(options);
    }
  }

  /** Every one of {@code all} holds; the first gives the identity. */
  public record AllOf(List<Requirement> all) implements Requirement {
    public AllOf {
      all = List.copyOf(all);
    }
  }
}
