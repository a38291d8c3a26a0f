package dev.gangway.gateway.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which backend serves a gRPC service, by the backends' service patterns: an exact full name
 * ({@code pkg.Service}) beats a package pattern ({@code pkg.*}, which also covers sub-packages;
 * the longest package wins), which beats {@code *}.
 *
 * <p>Immutable and thread-safe; build one per configuration. A lookup walks the service's package
 * prefixes (a few map probes), never a regular expression.
 *
 * <pre>{@code
 * ServicePatterns patterns = ServicePatterns.of(config.backends());
 * Optional<BackendConfig> backend = patterns.backendFor("gangway.samples.bookstore.v1.Bookstore");
 * }</pre>
 */
public final class ServicePatterns {
  /** How a valid pattern looks, for error messages. */
  public static final String HINT = "use pkg.Service, pkg.* or *";

  private static final String IDENT = "[A-Za-z_][A-Za-z0-9_]*";
  private static final Pattern VALID =
      Pattern.compile("\\*|" + IDENT + "(\\." + IDENT + ")*(\\.\\*)?");

  private final Map<String, BackendConfig> exact;
  /** Keyed by the package, without the trailing {@code .*}. */
  private final Map<String, BackendConfig> packages;
  private final Optional<BackendConfig> any;

  private ServicePatterns(
      Map<String, BackendConfig> exact,
      Map<String, BackendConfig> packages,
      Optional<BackendConfig> any) {
    this.exact = Map.copyOf(exact);
    this.packages = Map.copyOf(packages);
    this.any = any;
  }

  /** Whether {@code pattern} is {@code pkg.Service}, {@code pkg.*} or {@code *}. */
  public static boolean isValid(String pattern) {
    return VALID.matcher(pattern).matches();
  }

  /**
   * Indexes the patterns of {@code backends}. The config loader rejects a pattern claimed twice;
   * should one still appear here, the first backend keeps it.
   *
   * @throws IllegalArgumentException for an invalid pattern
   */
  public static ServicePatterns of(List<BackendConfig> backends) {
    Map<String, BackendConfig> exact = new HashMap<>();
    Map<String, BackendConfig> packages = new HashMap<>();
    BackendConfig any = null;
    for (BackendConfig backend : backends) {
      for (String pattern : backend.services()) {
        if (!isValid(pattern)) {
          throw new IllegalArgumentException(
              "\"" + pattern + "\" is not a service pattern (" + HINT + ")");
        }
        if (pattern.equals("*")) {
          any = any == null ? backend : any;
        } else if (pattern.endsWith(".*")) {
          packages.putIfAbsent(pattern.substring(0, pattern.length() - 2), backend);
        } else {
          exact.putIfAbsent(pattern, backend);
        }
      }
    }
    return new ServicePatterns(exact, packages, Optional.ofNullable(any));
  }

  /** The backend serving the service with this full name, if any pattern covers it. */
  public Optional<BackendConfig> backendFor(String serviceFullName) {
    Objects.requireNonNull(serviceFullName, "serviceFullName");
    BackendConfig found = exact.get(serviceFullName);
    if (found != null) {
      return Optional.of(found);
    }
    String pkg = serviceFullName;
    for (int dot = pkg.lastIndexOf('.'); dot > 0; dot = pkg.lastIndexOf('.')) {
      pkg = pkg.substring(0, dot);
      found = packages.get(pkg);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return any;
  }
}
