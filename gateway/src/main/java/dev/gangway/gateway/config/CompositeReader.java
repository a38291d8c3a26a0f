package dev.gangway.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.CompositeConfig.CallConfig;
import dev.gangway.transcoder.template.PathTemplateParser;
import dev.gangway.transcoder.template.TemplateSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code composites} section into {@link CompositeConfig}s: checks keys, names, HTTP
 * methods, path template syntax and option values. References inside templates, methods and
 * field paths are checked later, against the descriptors, when the snapshot compiles the plans.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class CompositeReader {
  static final List<String> KEYS =
      List.of("name", "method", "path", "timeout", "calls", "response");
  static final List<String> CALL_KEYS = List.of("method", "request", "optional", "timeout",
      "headers", "for_each", "concurrency");
  /** Names that start a template reference other than a call result. */
  static final Set<String> RESERVED = Set.of("path", "query", "header", "item", "partial");
  static final int MAX_CONCURRENCY = 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern CALL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HTTP_METHOD = Pattern.compile("[A-Z]+");

  private CompositeReader() {}

  static List<CompositeConfig> readAll(ConfigNode node) throws ConfigException {
    List<CompositeConfig> composites = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (ConfigNode item : node.items()) {
      CompositeConfig composite = read(item);
      String earlier = names.putIfAbsent(composite.name(), item.path());
      if (earlier != null) {
        throw item.get("name").error(ConfigNode.quote(composite.name())
            + " is already the name of " + earlier);
      }
      composites.add(composite);
    }
    return composites;
  }

  private static CompositeConfig read(ConfigNode node) throws ConfigException {
    node.requiredMapping(KEYS);
    String name = matching(node.get("name"), NAME, "is not a name (letters, digits, _ and -)");
    String httpMethod = matching(node.get("method"), HTTP_METHOD,
        "is not an HTTP method (upper case, e.g. GET)");
    ConfigNode pathNode = node.get("path");
    String path = pathNode.requiredText();
    try {
      PathTemplateParser.parse(path);
    } catch (TemplateSyntaxException e) {
      throw pathNode.error(e.getMessage());
    }
    Duration timeout = node.get("timeout").duration().orElse(CompositeConfig.DEFAULT_TIMEOUT);
    ConfigNode callsNode = node.get("calls");
    Map<String, ConfigNode> entries = callsNode.entries();
    if (entries.isEmpty()) {
      throw callsNode.error("missing (required: at least one call)");
    }
    List<CallConfig> calls = new ArrayList<>();
    for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
      calls.add(call(entry.getKey(), entry.getValue()));
    }
    Optional<JsonNode> response = node.get("response").jsonObject().map(o -> o);
    return new CompositeConfig(name, httpMethod, path, timeout, calls, response);
  }

  private static CallConfig call(String name, ConfigNode node) throws ConfigException {
    if (!CALL_NAME.matcher(name).matches()) {
      throw node.error("call names are letters, digits and _ (not starting with a digit)");
    }
    if (RESERVED.contains(name)) {
      throw node.error(ConfigNode.quote(name) + " is reserved for references (reserved: "
          + String.join(", ", new java.util.TreeSet<>(RESERVED)) + ")");
    }
    node.requiredMapping(CALL_KEYS);
    String method = ConfigReader.methodName(node.get("method"));
    JsonNode request = node.get("request").jsonObject()
        .map(o -> (JsonNode) o).orElseGet(CallConfig::emptyRequest);
    Optional<String> forEach = node.get("for_each").text();
    ConfigNode concurrencyNode = node.get("concurrency");
    Optional<Integer> concurrency = concurrencyNode.integer(1, MAX_CONCURRENCY);
    if (concurrency.isPresent() && forEach.isEmpty()) {
      throw concurrencyNode.error("only applies to a call with for_each");
    }
    return new CallConfig(name, method, request,
        node.get("optional").bool().orElse(false),
        node.get("timeout").duration(),
        headers(node.get("headers")),
        forEach,
        concurrency.orElse(CallConfig.DEFAULT_CONCURRENCY));
  }

  private static Optional<List<String>> headers(ConfigNode node) throws ConfigException {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    return Optional.of(ConfigReader.headerNames(node));
  }

  private static String matching(ConfigNode node, Pattern pattern, String problem)
      throws ConfigException {
    String text = node.requiredText();
    if (!pattern.matcher(text).matches()) {
      throw node.error(ConfigNode.quote(text) + " " + problem);
    }
    return text;
  }
}
