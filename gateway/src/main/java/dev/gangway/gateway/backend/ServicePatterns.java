package dev.gangway.gateway.backend;

import dev.gangway.gateway.config.BackendConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the backend of a gRPC service from the backends' service patterns: an exact full name
 * beats any {@code package.*}, a longer package beats a shorter one, and {@code *} comes last.
 * Among equal patterns the backend listed first wins.
 *
 * <p>Immutable and thread-safe; built once per snapshot, used only while building it.
 */
final class ServicePatterns {
  private static final String ANY = "*";
  private static final String PACKAGE_SUFFIX = ".*";

  private final Map<String, BackendConfig> exact;
  /** {@code (prefix "pkg.", backend)}, longest prefix first. */
  private final List<Map.Entry<String, BackendConfig>> packages;
  private final Optional<BackendConfig> fallback;

  private ServicePatterns(
      Map<String, BackendConfig> exact,
      List<Map.Entry<String, BackendConfig>> packages,
      Optional<BackendConfig> fallback) {
    this.exact = exact;
    this.packages = packages;
    this.fallback = fallback;
  }

  static ServicePatterns of(List<BackendConfig> backends) {
    Map<String, BackendConfig> exact = new HashMap<>();
    List<Map.Entry<String, BackendConfig>> packages = new ArrayList<>();
    BackendConfig fallback = null;
    for (BackendConfig backend : backends) {
      for (String pattern : backend.services()) {
        if (pattern.equals(ANY)) {
          fallback = fallback == null ? backend : fallback;
        } else if (pattern.endsWith(PACKAGE_SUFFIX)) {
          // Keep the dot: "a.b.*" must not match the service "a.bc.Svc".
          packages.add(Map.entry(pattern.substring(0, pattern.length() - 1), backend));
        } else {
          exact.putIfAbsent(pattern, backend);
        }
      }
    }
    // Stable sort: among equal prefixes the backend listed first stays first.
    packages.sort(Comparator.comparingInt((Map.Entry<String, BackendConfig> e) -> e.getKey().length()).reversed());
    return new ServicePatterns(Map.copyOf(exact), List.copyOf(packages), Optional.ofNullable(fallback));
  }

  /** The backend serving {@code serviceFullName} ({@code pkg.Service}), if any pattern matches. */
  Optional<BackendConfig> backendFor(String serviceFullName) {
    BackendConfig match = exact.get(serviceFullName);
    if (match != null) {
      return Optional.of(match);
    }
    for (Map.Entry<String, BackendConfig> entry : packages) {
      if (serviceFullName.startsWith(entry.getKey())) {
        return Optional.of(entry.getValue());
      }
    }
    return fallback;
  }
}
