package dev.gangway.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code openapi} section.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class OpenApiReader {
  static final List<String> KEYS = List.of("enabled", "json_path", "yaml_path", "services",
      "composites", "title", "version", "description");

  /** Segments of RFC 3986 unreserved characters after a slash: an exact path, no template. */
  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  private OpenApiReader() {}

  static OpenApiConfig read(ConfigNode node) throws ConfigException {
    node.mapping(KEYS);
    OpenApiConfig d = OpenApiConfig.DEFAULT;
    String json = path(node.get("json_path")).orElse(d.jsonPath());
    ConfigNode yamlNode = node.get("yaml_path");
    String yaml = path(yamlNode).orElse(d.yamlPath());
    if (yaml.equals(json)) {
      throw yamlNode.error(ConfigNode.quote(yaml) + " is json_path too");
    }
    ConfigNode servicesNode = node.get("services");
    List<String> services = new ArrayList<>();
    for (ConfigNode item : servicesNode.items()) {
      String pattern = item.requiredText();
      if (!ServicePatterns.isValid(pattern)) {
        throw item.error(ConfigNode.quote(pattern) + " is not a service pattern ("
            + ServicePatterns.HINT + ")");
      }
      services.add(pattern);
    }
    return new OpenApiConfig(
        node.get("enabled").bool().orElse(d.enabled()),
        json,
        yaml,
        servicesNode.isAbsent() ? d.services() : services,
        node.get("composites").bool().orElse(d.composites()),
        node.get("title").text().orElse(d.title()),
        node.get("version").text().orElse(d.version()),
        node.get("description").text());
  }

  private static java.util.Optional<String> path(ConfigNode node) throws ConfigException {
    java.util.Optional<String> path = node.text();
    if (path.isPresent() && (!PATH.matcher(path.get()).matches()
        || path.get().contains("/./") || path.get().contains("/../"))) {
      throw node.error(ConfigNode.quote(path.get()) + " is not a path (use /name or /a/b.json:"
          + " letters, digits, '-', '_', '.', '~' between slashes)");
    }
    return path;
  }
}
