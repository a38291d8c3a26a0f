package dev.gangway.gateway.config;

import dev.gangway.gateway.config.AccessConfig.AccessRule;
import dev.gangway.gateway.config.AccessConfig.AllOf;
import dev.gangway.gateway.config.AccessConfig.AnyOf;
import dev.gangway.gateway.config.AccessConfig.ProviderCheck;
import dev.gangway.gateway.config.AccessConfig.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code access} section against the {@code auth} providers and {@code rate_limits}
 * limits it names: {@code default} and {@code routes}, each rule a {@code require} and
 * {@code rate_limits}.
 *
 * <p>A requirement is {@code public}, or a mapping with exactly one of {@code provider} (with
 * optional {@code scopes} and {@code claims}), {@code any_of} or {@code all_of} (lists of
 * requirements).
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class AccessReader {
  static final List<String> KEYS = List.of("default", "routes");
  static final List<String> DEFAULT_KEYS = List.of("require", "rate_limits");
  static final List<String> RULE_KEYS = List.of("match", "require", "rate_limits");
  static final List<String> REQUIREMENT_KEYS =
      List.of("provider", "scopes", "claims", "any_of", "all_of");
  static final String PUBLIC = "public";
  static final String COMPOSITE_PREFIX = "composite:";

  private static final String IDENT = "[A-Za-z_][A-Za-z0-9_]*";
  private static final Pattern SELECTOR = Pattern.compile(
      "\\*|" + IDENT + "(\\." + IDENT + ")*(\\.\\*)?|composite:[A-Za-z0-9_.-]+");
  /** How deep any_of / all_of may nest: deeper is a mistake, not a policy. */
  private static final int MAX_DEPTH = 8;

  private AccessReader() {}

  static AccessConfig read(ConfigNode node, AuthConfig auth, RateLimitsConfig limits)
      throws ConfigException {
    node.mapping(KEYS);
    ConfigNode defaultNode = node.get("default");
    defaultNode.mapping(DEFAULT_KEYS);
    AccessRule defaultRule = new AccessRule(List.of(),
        requirementOrPublic(defaultNode.get("require"), auth),
        limitNames(defaultNode.get("rate_limits"), limits));
    List<AccessRule> rules = new ArrayList<>();
    Map<String, String> selectorToRule = new HashMap<>();
    for (ConfigNode item : node.get("routes").items()) {
      item.requiredMapping(RULE_KEYS);
      ConfigNode matchNode = item.get("match");
      List<String> match = new ArrayList<>();
      for (ConfigNode selectorNode : matchNode.items()) {
        String selector = selector(selectorNode);
        String earlier = selectorToRule.putIfAbsent(selector, item.path());
        if (earlier != null) {
          throw selectorNode.error(ConfigNode.quote(selector) + " is already matched by "
              + earlier);
        }
        match.add(selector);
      }
      if (match.isEmpty()) {
        throw matchNode.error("missing (required: a list of route selectors)");
      }
      ConfigNode require = item.get("require");
      if (require.isAbsent()) {
        throw require.error("missing (required: public or a requirement)");
      }
      rules.add(new AccessRule(match, requirement(require, auth, 0),
          limitNames(item.get("rate_limits"), limits)));
    }
    return new AccessConfig(defaultRule, rules);
  }

  /**
   * A route selector: {@code pkg.Service.Method}, {@code pkg.Service.*}, {@code pkg.*}, {@code *}
   * or {@code composite:NAME} (also the selectors of {@code cors.routes}).
   */
  static String selector(ConfigNode node) throws ConfigException {
    String selector = node.requiredText();
    if (!SELECTOR.matcher(selector).matches()) {
      throw node.error(ConfigNode.quote(selector) + " is not a route selector (use"
          + " pkg.Service.Method, pkg.Service.*, pkg.*, * or composite:NAME)");
    }
    return selector;
  }

  private static Requirement requirementOrPublic(ConfigNode node, AuthConfig auth)
      throws ConfigException {
    return node.isAbsent() ? Requirement.PUBLIC : requirement(node, auth, 0);
  }

  private static Requirement requirement(ConfigNode node, AuthConfig auth, int depth)
      throws ConfigException {
    if (depth > MAX_DEPTH) {
      throw node.error("nests any_of / all_of deeper than " + MAX_DEPTH);
    }
    if (node.isScalar()) {
      String text = node.requiredText();
      if (!text.equals(PUBLIC)) {
        throw node.error(ConfigNode.quote(text) + " is not a requirement (use public or a"
            + " mapping with provider, any_of or all_of)");
      }
      return Requirement.PUBLIC;
    }
    node.requiredMapping(REQUIREMENT_KEYS);
    List<String> kinds = new ArrayList<>();
    for (String kind : List.of("provider", "any_of", "all_of")) {
      if (!node.get(kind).isAbsent()) {
        kinds.add(kind);
      }
    }
    if (kinds.size() != 1) {
      throw node.error("needs exactly one of provider, any_of, all_of"
          + (kinds.isEmpty() ? "" : " (has " + String.join(", ", kinds) + ")"));
    }
    if (!kinds.get(0).equals("provider")) {
      for (String key : List.of("scopes", "claims")) {
        if (!node.get(key).isAbsent()) {
          throw node.get(key).error("belongs next to provider, not " + kinds.get(0));
        }
      }
      List<Requirement> options = new ArrayList<>();
      for (ConfigNode item : node.get(kinds.get(0)).items()) {
        options.add(requirement(item, auth, depth + 1));
      }
      if (options.isEmpty()) {
        throw node.get(kinds.get(0)).error("must list at least one requirement");
      }
      return kinds.get(0).equals("any_of") ? new AnyOf(options) : new AllOf(options);
    }
    ConfigNode providerNode = node.get("provider");
    String provider = providerNode.requiredText();
    if (auth.provider(provider).isEmpty()) {
      throw providerNode.error(ConfigNode.quote(provider) + " is not a provider in auth.providers"
          + known(auth.providers().stream().map(AuthConfig.ProviderConfig::name).toList()));
    }
    Map<String, String> claims = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : node.get("claims").entries().entrySet()) {
      claims.put(e.getKey(), e.getValue().requiredText());
    }
    return new ProviderCheck(provider, node.get("scopes").strings().orElse(List.of()), claims);
  }

  private static List<String> limitNames(ConfigNode node, RateLimitsConfig limits)
      throws ConfigException {
    List<String> names = new ArrayList<>();
    for (ConfigNode item : node.items()) {
      String name = item.requiredText();
      if (limits.limit(name).isEmpty()) {
        throw item.error(ConfigNode.quote(name) + " is not a limit in rate_limits.limits"
            + known(limits.limits().stream().map(RateLimitsConfig.LimitConfig::name).toList()));
      }
      names.add(name);
    }
    return names;
  }

  private static String known(List<String> names) {
    return names.isEmpty() ? " (none configured)" : " (known: " + String.join(", ", names) + ")";
  }
}
