package dev.gangway.gateway.config;

import dev.gangway.gateway.config.CorsConfig.CorsRule;
import dev.gangway.gateway.config.CorsConfig.CorsSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code cors} section: the default settings (its top-level keys) and {@code routes},
 * each a {@code match} of route selectors with the keys it overrides.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class CorsReader {
  static final List<String> KEYS = List.of("allowed_origins", "allowed_methods",
      "allowed_headers", "exposed_headers", "allow_credentials", "max_age", "routes");
  static final List<String> RULE_KEYS = List.of("match", "allowed_origins", "allowed_methods",
      "allowed_headers", "exposed_headers", "allow_credentials", "max_age");

  private CorsReader() {}

  static CorsConfig read(ConfigNode node) throws ConfigException {
    node.mapping(KEYS);
    CorsSettings defaults = settings(node, CorsSettings.DEFAULT);
    List<CorsRule> rules = new ArrayList<>();
    Map<String, String> selectorToRule = new HashMap<>();
    for (ConfigNode item : node.get("routes").items()) {
      item.requiredMapping(RULE_KEYS);
      ConfigNode matchNode = item.get("match");
      List<String> match = new ArrayList<>();
      for (ConfigNode selectorNode : matchNode.items()) {
        String selector = AccessReader.selector(selectorNode);
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
      rules.add(new CorsRule(match, settings(item, defaults)));
    }
    return new CorsConfig(defaults, rules);
  }

  /** The settings a mapping states, each key it leaves out taken from {@code inherited}. */
  private static CorsSettings settings(ConfigNode node, CorsSettings inherited)
      throws ConfigException {
    ConfigNode originsNode = node.get("allowed_origins");
    List<String> origins = originsNode.isAbsent() ? inherited.allowedOrigins() : origins(originsNode);
    ConfigNode credentialsNode = node.get("allow_credentials");
    boolean credentials = credentialsNode.bool().orElse(inherited.allowCredentials());
    if (credentials && origins.contains(CorsSettings.ANY)) {
      ConfigNode blamed = credentialsNode.isAbsent() ? originsNode : credentialsNode;
      throw blamed.error("allow_credentials: true and allowed_origins \"*\" do not go together"
          + " (any site could read answers made with its visitors' cookies); list the origins");
    }
    return new CorsSettings(origins,
        names(node.get("allowed_methods"), inherited.allowedMethods(), CorsReader::method),
        names(node.get("allowed_headers"), inherited.allowedHeaders(), CorsReader::header),
        names(node.get("exposed_headers"), inherited.exposedHeaders(), CorsReader::header),
        credentials,
        node.get("max_age").durationOrZero().orElse(inherited.maxAge()));
  }

  private static List<String> origins(ConfigNode node) throws ConfigException {
    Set<String> origins = new LinkedHashSet<>();
    for (ConfigNode item : node.items()) {
      origins.add(origin(item));
    }
    return List.copyOf(origins);
  }

  /**
   * {@code *}, an origin, or a pattern with one {@code *} standing for the leading host labels
   * ({@code https://*.example.com}) or the port ({@code http://localhost:*}).
   */
  static String origin(ConfigNode node) throws ConfigException {
    String text = node.requiredText().trim();
    String normalized = text.toLowerCase(Locale.ROOT);
    if (normalized.equals(CorsSettings.ANY)) {
      return normalized;
    }
    int star = normalized.indexOf('*');
    boolean valid;
    if (star < 0) {
      valid = WebSocketReader.isOrigin(normalized);
    } else if (normalized.indexOf('*', star + 1) >= 0) {
      valid = false;
    } else if (normalized.startsWith("://*.", star - 3)) {
      valid = WebSocketReader.isOrigin(normalized.replace("*", "x"));
    } else if (normalized.endsWith(":*")) {
      String host = normalized.substring(0, normalized.length() - 2);
      valid = WebSocketReader.isOrigin(host) && host.lastIndexOf(':') == host.indexOf("://");
    } else {
      valid = false;
    }
    if (!valid) {
      throw node.error(ConfigNode.quote(text) + " is not an origin (use scheme://host[:port],"
          + " e.g. https://app.example.com, with no path; https://*.example.com or"
          + " http://localhost:* with one * for the leading host labels or the port; or * for"
          + " any)");
    }
    return normalized;
  }

  /** A list of names, each checked by {@code check}; absent: {@code inherited}. */
  private static List<String> names(ConfigNode node, List<String> inherited, Check check)
      throws ConfigException {
    if (node.isAbsent()) {
      return inherited;
    }
    Set<String> names = new LinkedHashSet<>();
    for (ConfigNode item : node.items()) {
      names.add(check.apply(item));
    }
    return List.copyOf(names);
  }

  private static String method(ConfigNode node) throws ConfigException {
    String text = node.requiredText().trim();
    if (!isToken(text) || !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw node.error(ConfigNode.quote(text) + " is not a method (an upper-case token, e.g."
          + " PUT)");
    }
    return text;
  }

  private static String header(ConfigNode node) throws ConfigException {
    String text = node.requiredText().trim().toLowerCase(Locale.ROOT);
    String name = text.endsWith("-*") ? text.substring(0, text.length() - 2) : text;
    if (!isToken(name) || name.indexOf('*') >= 0) {
      throw node.error(ConfigNode.quote(text) + " is not a header name (a token such as"
          + " x-request-id, or a prefix such as grpc-metadata-*)");
    }
    return text;
  }

  /** An RFC 9110 token: one or more tchar. */
  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  @FunctionalInterface
  private interface Check {
    String apply(ConfigNode node) throws ConfigException;
  }
}
