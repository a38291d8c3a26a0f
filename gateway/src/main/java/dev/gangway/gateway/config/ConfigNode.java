package dev.gangway.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One node of the parsed YAML tree with its key path ({@code backends[0].tls.ca}), and typed
 * accessors that substitute environment references and report problems naming that path.
 *
 * <p>Immutable; setup code only. An absent key and an explicit null ({@code port:} or
 * {@code port: ~}) both mean "not set".
 */
final class ConfigNode {
  private final String origin;
  private final String path;
  private final JsonNode node;
  /** Null for command-line values, which are not substituted. */
  private final Function<String, String> env;

  private ConfigNode(String origin, String path, JsonNode node, Function<String, String> env) {
    this.origin = origin;
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
    this.env = env;
  }

  /** The document root; problems are reported as {@code origin: path: problem}. */
  static ConfigNode root(String origin, JsonNode node, Function<String, String> env) {
    return new ConfigNode(origin, "", node, env);
  }

  /**
   * A command-line value, checked with the same rules as the file; problems read
   * {@code --flag: problem}. The shell has already expanded variables, so <code>$&#123;</code>
   * stays as it is.
   */
  static ConfigNode flag(String flag, String value) {
    return new ConfigNode("", flag, TextNode.valueOf(value), null);
  }

  String path() {
    return path;
  }

  /** Whether this is a single value (not a mapping or list), e.g. {@code require: public}. */
  boolean isScalar() {
    return !isAbsent() && !node.isContainerNode();
  }

  boolean isAbsent() {
    return node.isMissingNode() || node.isNull();
  }

  /** A problem with this key. */
  ConfigException error(String problem) {
    String where = path.isEmpty() ? "top level" : path;
    return new ConfigException(prefix() + where + ": " + problem);
  }

  private String prefix() {
    return origin.isEmpty() ? "" : origin + ": ";
  }

  /**
   * Refuses a key that has moved, naming where it lives now, so that an old config file fails
   * with the fix rather than with "unknown key".
   */
  void moved(String key, String newPath, String why) throws ConfigException {
    if (node.isObject() && node.has(key)) {
      throw get(key).error("moved to " + newPath + why);
    }
  }

  /** Checks that this is a mapping (or absent) whose keys are all in {@code known}. */
  ConfigNode mapping(List<String> known) throws ConfigException {
    if (isAbsent()) {
      return this;
    }
    if (!node.isObject()) {
      throw error("expected a mapping, got " + kind());
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ConfigException(prefix() + "unknown key \"" + childPath(name) + "\" (known: "
            + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
    return this;
  }

  /**
   * Like {@link #mapping}, for an entry that must be there: a list element or a composite call,
   * where {@code - } or {@code name:} without a value is a mistake, not "defaults".
   */
  ConfigNode requiredMapping(List<String> known) throws ConfigException {
    if (isAbsent()) {
      throw error("expected a mapping, got nothing");
    }
    return mapping(known);
  }

  /** The value under {@code key}; absent when this node is absent. */
  ConfigNode get(String key) {
    return new ConfigNode(origin, childPath(key), node.get(key), env);
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The elements of this list; empty when absent. */
  List<ConfigNode> items() throws ConfigException {
    if (isAbsent()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw error("expected a list, got " + kind());
    }
    List<ConfigNode> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(new ConfigNode(origin, path + "[" + i + "]", node.get(i), env));
    }
    return items;
  }

  /**
   * The entries of this mapping in file order; empty when absent. The keys are not checked:
   * callers name their own entries (a composite's calls).
   */
  Map<String, ConfigNode> entries() throws ConfigException {
    if (isAbsent()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw error("expected a mapping, got " + kind());
    }
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      entries.put(e.getKey(), new ConfigNode(origin, childPath(e.getKey()), e.getValue(), env));
    }
    return entries;
  }

  /**
   * This mapping as a JSON object with environment references replaced in every string inside
   * (keys stay as written); empty when absent. For templates whose values keep their JSON types.
   */
  Optional<ObjectNode> jsonObject() throws ConfigException {
    if (isAbsent()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw error("expected a mapping, got " + kind());
    }
    return Optional.of((ObjectNode) substituted(node));
  }

  private JsonNode substituted(JsonNode value) throws ConfigException {
    if (value.isTextual() && env != null) {
      return TextNode.valueOf(Substitution.apply(value.textValue(), this::error, env));
    }
    if (value.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), substituted(e.getValue()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : value) {
        copy.add(substituted(item));
      }
      return copy;
    }
    return value.deepCopy();
  }

  /** The scalar with environment references replaced; empty when absent. */
  Optional<String> text() throws ConfigException {
    if (isAbsent()) {
      return Optional.empty();
    }
    if (node.isContainerNode()) {
      throw error("expected a single value, got " + kind());
    }
    if (node.isTextual() && env != null) {
      return Optional.of(Substitution.apply(node.textValue(), this::error, env));
    }
    return Optional.of(node.asText());
  }

  String requiredText() throws ConfigException {
    return text().orElseThrow(() -> error("missing (required)"));
  }

  Optional<Integer> integer(int min, int max) throws ConfigException {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    long value;
    try {
      value = Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      throw error(quote(text.get()) + " is not an integer");
    }
    if (value < min || value > max) {
      throw error(value + " is out of range (" + min + " to " + max + ")");
    }
    return Optional.of((int) value);
  }

  /** A positive duration such as {@code 500ms}, {@code 5s}, {@code 1m}, {@code 1h}. */
  Optional<Duration> duration() throws ConfigException {
    Optional<Duration> value = durationOrZero();
    if (value.isPresent() && value.get().isZero()) {
      throw error(quote(text().orElseThrow()) + " must be more than zero");
    }
    return value;
  }

  /** A duration that may be zero ("0s": do not wait at all). */
  Optional<Duration> durationOrZero() throws ConfigException {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Quantities.parseDuration(text.get()).orElseThrow(
        () -> error(quote(text.get()) + " is not a duration (" + Quantities.DURATION_HINT + ")")));
  }

  /** A size in bytes from 1 to {@code max}, such as {@code 1048576} or {@code 4MiB}. */
  OptionalLong size(long max) throws ConfigException {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong value = Quantities.parseSize(text.get());
    if (value.isEmpty()) {
      throw error(quote(text.get()) + " is not a size (" + Quantities.SIZE_HINT + ")");
    }
    if (value.getAsLong() < 1 || value.getAsLong() > max) {
      throw error(quote(text.get()) + " is out of range (1 to " + Quantities.formatSize(max)
          + ")");
    }
    return value;
  }

  Optional<Boolean> bool() throws ConfigException {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    switch (text.get()) {
      case "true":
        return Optional.of(true);
      case "false":
        return Optional.of(false);
      default:
        throw error(quote(text.get()) + " is not a boolean (use true or false)");
    }
  }

  /**
   * The spellings of {@code values} for {@link #choice}, in declaration order (the order messages
   * list them).
   */
  static <E extends Enum<E>> Map<String, E> choices(E[] values, Function<E, String> spelling) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) {
      map.put(spelling.apply(value), value);
    }
    return map;
  }

  /** One of the lower-case spellings in {@code choices} (in the order messages list them). */
  <E> Optional<E> choice(Map<String, E> choices) throws ConfigException {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    E value = choices.get(text.get());
    if (value == null) {
      throw error(quote(text.get()) + " is not one of " + String.join(", ", choices.keySet()));
    }
    return Optional.of(value);
  }

  /** A list of scalars; empty when absent. */
  Optional<List<String>> strings() throws ConfigException {
    if (isAbsent()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (ConfigNode item : items()) {
      values.add(item.requiredText());
    }
    return Optional.of(values);
  }

  /** A file-system path; a relative one is resolved against {@code base}. */
  Optional<Path> path(Path base) throws ConfigException {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.get().isEmpty()) {
      throw error("must not be empty");
    }
    try {
      return Optional.of(base.resolve(text.get()).normalize());
    } catch (InvalidPathException e) {
      throw error(quote(text.get()) + " is not a valid path: " + e.getReason());
    }
  }

  static String quote(String text) {
    return "\"" + text + "\"";
  }

  private String kind() {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return quote(node.asText());
  }
}
