package dev.gangway.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code static} section: a list of {@code {prefix, directory}} entries.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class StaticReader {
  static final List<String> KEYS = List.of("prefix", "directory");

  /** Segments of RFC 3986 unreserved characters, with a slash before and after each. */
  private static final Pattern PREFIX = Pattern.compile("/([A-Za-z0-9._~-]+/)*");

  private StaticReader() {}

  static List<StaticConfig> readAll(ConfigNode node, Path base) throws ConfigException {
    List<StaticConfig> entries = new ArrayList<>();
    Map<String, String> prefixToPath = new HashMap<>();
    for (ConfigNode item : node.items()) {
      item.requiredMapping(KEYS);
      ConfigNode prefixNode = item.get("prefix");
      String prefix = prefix(prefixNode);
      String earlier = prefixToPath.putIfAbsent(prefix, item.path());
      if (earlier != null) {
        throw prefixNode.error(ConfigNode.quote(prefix) + " is already served by " + earlier);
      }
      entries.add(new StaticConfig(prefix, directory(item.get("directory"), base)));
    }
    return entries;
  }

  private static String prefix(ConfigNode node) throws ConfigException {
    String prefix = node.requiredText();
    boolean dotSegment = prefix.contains("/./") || prefix.contains("/../");
    if (!PREFIX.matcher(prefix).matches() || dotSegment) {
      throw node.error(ConfigNode.quote(prefix) + " is not a path prefix (use /name/: a leading"
          + " and a trailing slash, letters, digits, '-', '_', '.', '~' in between)");
    }
    return prefix;
  }

  private static Path directory(ConfigNode node, Path base) throws ConfigException {
    Path directory = node.path(base).orElseThrow(() -> node.error("missing (required)"));
    if (!Files.isDirectory(directory)) {
      throw node.error("no such directory: " + directory);
    }
    return directory;
  }
}
