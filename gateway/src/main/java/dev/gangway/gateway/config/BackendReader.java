package dev.gangway.gateway.config;

import dev.gangway.gateway.config.BackendConfig.KeepaliveConfig;
import dev.gangway.gateway.config.BackendConfig.LoadBalancing;
import dev.gangway.gateway.config.BackendConfig.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code backends} list: each backend's keys, and the checks across backends (unique
 * names, each service pattern claimed once).
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class BackendReader {
  static final List<String> KEYS = List.of("name", "services", "target", "tls", "timeout",
      "max_message_size", "load_balancing", "keepalive", "reflection");
  static final List<String> TLS_KEYS = List.of("ca", "cert", "key", "authority");
  static final List<String> KEEPALIVE_KEYS = List.of("time", "timeout", "without_calls");

  static final Map<String, LoadBalancing> LOAD_BALANCING =
      ConfigNode.choices(LoadBalancing.values(), LoadBalancing::policy);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private BackendReader() {}

  /** Reads every backend; relative TLS file paths resolve against {@code base}. */
  static List<BackendConfig> readAll(ConfigNode list, Path base) throws ConfigException {
    List<BackendConfig> backends = new ArrayList<>();
    Map<String, String> nameToPath = new HashMap<>();
    Map<String, String> patternToBackend = new HashMap<>();
    for (ConfigNode node : list.items()) {
      BackendConfig backend = read(node, base);
      String earlier = nameToPath.putIfAbsent(backend.name(), node.path());
      if (earlier != null) {
        throw node.get("name").error(
            ConfigNode.quote(backend.name()) + " is already the name of " + earlier);
      }
      List<ConfigNode> patterns = node.get("services").items();
      for (int i = 0; i < patterns.size(); i++) {
        String pattern = backend.services().get(i);
        String owner = patternToBackend.putIfAbsent(pattern, backend.name());
        if (owner != null) {
          throw patterns.get(i).error(ConfigNode.quote(pattern)
              + " is already served by backend " + ConfigNode.quote(owner));
        }
      }
      backends.add(backend);
    }
    return backends;
  }

  static BackendConfig read(ConfigNode node, Path base) throws ConfigException {
    node.requiredMapping(KEYS);
    ConfigNode nameNode = node.get("name");
    String name = nameNode.requiredText();
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error(ConfigNode.quote(name)
          + " is not a backend name (use letters, digits, '-', '_' and '.')");
    }
    ConfigNode targetNode = node.get("target");
    String target = targetNode.requiredText();
    Optional<String> targetProblem = Targets.problem(target);
    if (targetProblem.isPresent()) {
      throw targetNode.error(targetProblem.get());
    }
    return new BackendConfig(
        name,
        services(node.get("services")),
        target,
        tls(node.get("tls"), base),
        node.get("timeout").duration().orElse(BackendConfig.DEFAULT_TIMEOUT),
        (int) node.get("max_message_size").size(Integer.MAX_VALUE)
            .orElse(BackendConfig.DEFAULT_MAX_MESSAGE_BYTES),
        node.get("load_balancing").choice(LOAD_BALANCING)
            .orElse(BackendConfig.DEFAULT_LOAD_BALANCING),
        keepalive(node.get("keepalive")),
        ReflectionReader.read(node.get("reflection")));
  }

  /** Checks one service pattern; shared with {@code --backend}. */
  static String pattern(ConfigNode node) throws ConfigException {
    String pattern = node.requiredText();
    if (!ServicePatterns.isValid(pattern)) {
      throw node.error(
          ConfigNode.quote(pattern) + " is not a service pattern (" + ServicePatterns.HINT + ")");
    }
    return pattern;
  }

  private static List<String> services(ConfigNode node) throws ConfigException {
    if (node.isAbsent()) {
      throw node.error("missing (required)");
    }
    List<String> patterns = new ArrayList<>();
    for (ConfigNode item : node.items()) {
      patterns.add(pattern(item));
    }
    if (patterns.isEmpty()) {
      throw node.error("must list at least one service pattern (" + ServicePatterns.HINT + ")");
    }
    return patterns;
  }

  private static Optional<TlsConfig> tls(ConfigNode node, Path base) throws ConfigException {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    node.mapping(TLS_KEYS);
    Optional<Path> ca = existingFile(node.get("ca"), base);
    Optional<Path> cert = existingFile(node.get("cert"), base);
    Optional<Path> key = existingFile(node.get("key"), base);
    if (cert.isPresent() != key.isPresent()) {
      throw node.error("cert and key go together (" + (cert.isPresent() ? "key" : "cert")
          + " is missing)");
    }
    ConfigNode authorityNode = node.get("authority");
    Optional<String> authority = authorityNode.text();
    if (authority.isPresent() && authority.get().isEmpty()) {
      throw authorityNode.error("must not be empty");
    }
    return Optional.of(new TlsConfig(ca, cert, key, authority));
  }

  private static Optional<Path> existingFile(ConfigNode node, Path base) throws ConfigException {
    Optional<Path> file = node.path(base);
    if (file.isPresent() && !Files.isRegularFile(file.get())) {
      throw node.error("no such file: " + file.get());
    }
    return file;
  }

  private static Optional<KeepaliveConfig> keepalive(ConfigNode node) throws ConfigException {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    node.mapping(KEEPALIVE_KEYS);
    ConfigNode time = node.get("time");
    return Optional.of(new KeepaliveConfig(
        time.duration().orElseThrow(() -> time.error("missing (required)")),
        node.get("timeout").duration().orElse(KeepaliveConfig.DEFAULT_TIMEOUT),
        node.get("without_calls").bool().orElse(false)));
  }
}
