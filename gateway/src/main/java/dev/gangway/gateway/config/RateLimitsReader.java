package dev.gangway.gateway.config;

import dev.gangway.gateway.config.RateLimitsConfig.Dimension;
import dev.gangway.gateway.config.RateLimitsConfig.FailureMode;
import dev.gangway.gateway.config.RateLimitsConfig.LimitConfig;
import dev.gangway.gateway.config.RateLimitsConfig.RedisConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code rate_limits} section: {@code limits}, {@code redis} and
 * {@code max_local_keys}.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class RateLimitsReader {
  static final List<String> KEYS = List.of("limits", "redis", "max_local_keys");
  static final List<String> LIMIT_KEYS =
      List.of("name", "per", "claim", "tokens", "period", "burst", "concurrent_streams");
  static final List<String> REDIS_KEYS = List.of("uri", "on_failure", "timeout", "prefix");
  static final Map<String, Dimension> DIMENSIONS =
      ConfigNode.choices(Dimension.values(), Dimension::configName);
  static final Map<String, FailureMode> FAILURE_MODES =
      ConfigNode.choices(FailureMode.values(), FailureMode::configName);
  /** A bucket larger than this is not a limit; it also keeps refill arithmetic exact. */
  static final int MAX_TOKENS = 1_000_000_000;
  static final int MAX_STREAMS = 1_000_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private RateLimitsReader() {}

  static RateLimitsConfig read(ConfigNode node) throws ConfigException {
    node.moved("trusted_proxies", ConfigReader.TRUSTED_PROXIES, ConfigReader.TRUSTED_PROXIES_WHY);
    node.mapping(KEYS);
    List<LimitConfig> limits = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : node.get("limits").items()) {
      LimitConfig limit = limit(item);
      if (!names.add(limit.name())) {
        throw item.get("name").error(ConfigNode.quote(limit.name()) + " is already a limit");
      }
      limits.add(limit);
    }
    return new RateLimitsConfig(limits, redis(node.get("redis")),
        node.get("max_local_keys").integer(1, Integer.MAX_VALUE)
            .orElse(RateLimitsConfig.DEFAULT_MAX_LOCAL_KEYS));
  }

  private static LimitConfig limit(ConfigNode item) throws ConfigException {
    item.requiredMapping(LIMIT_KEYS);
    ConfigNode nameNode = item.get("name");
    String name = nameNode.requiredText();
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error(ConfigNode.quote(name) + " is not a name (letters, digits, _ . -)");
    }
    List<Dimension> per = new ArrayList<>();
    for (ConfigNode dimension : item.get("per").items()) {
      Dimension d = dimension.choice(DIMENSIONS).orElseThrow(
          () -> dimension.error("missing (required)"));
      if (per.contains(d)) {
        throw dimension.error(ConfigNode.quote(d.configName()) + " is listed twice");
      }
      per.add(d);
    }
    Optional<String> claim = item.get("claim").text();
    if (per.contains(Dimension.CLAIM) != claim.isPresent()) {
      throw item.error("claim is required with per: [claim] and only then");
    }
    ConfigNode tokensNode = item.get("tokens");
    ConfigNode periodNode = item.get("period");
    ConfigNode streamsNode = item.get("concurrent_streams");
    OptionalInt streams = streamsNode.integer(1, MAX_STREAMS)
        .map(OptionalInt::of).orElse(OptionalInt.empty());
    if (tokensNode.isAbsent() && streams.isEmpty()) {
      throw item.error("needs tokens and period, concurrent_streams, or both");
    }
    long tokens = 0;
    java.time.Duration period = java.time.Duration.ofSeconds(1);
    long burst = 0;
    if (!tokensNode.isAbsent()) {
      tokens = tokensNode.integer(1, MAX_TOKENS).orElseThrow();
      period = periodNode.duration().orElseThrow(() -> periodNode.error("missing (required)"));
      burst = item.get("burst").integer(1, MAX_TOKENS).orElse((int) tokens);
    } else if (!periodNode.isAbsent() || !item.get("burst").isAbsent()) {
      throw item.error("period and burst need tokens");
    }
    return new LimitConfig(name, per, claim, tokens, period, burst, streams);
  }

  private static Optional<RedisConfig> redis(ConfigNode node) throws ConfigException {
    node.mapping(REDIS_KEYS);
    if (node.isAbsent()) {
      return Optional.empty();
    }
    ConfigNode uriNode = node.get("uri");
    String text = uriNode.requiredText();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null
        || !("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))) {
      throw uriNode.error(ConfigNode.quote(text) + " is not a Redis URI (redis://host:port or"
          + " rediss://host:port)");
    }
    return Optional.of(new RedisConfig(uri,
        node.get("on_failure").choice(FAILURE_MODES).orElseThrow(
            () -> node.get("on_failure").error("missing (required: open or closed, see"
                + " docs/security.md)")),
        node.get("timeout").duration().orElse(RedisConfig.DEFAULT_TIMEOUT),
        node.get("prefix").text().orElse(RedisConfig.DEFAULT_PREFIX)));
  }
}
