package dev.gangway.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which backend serves a gRPC service, by the backends' service patterns: an exact full name
 * ({@code pkg.Service}) beats a package pattern ({@code pkg.*}, which also covers sub-packages;
 * the longest package wins), which beats {@code *} ({@link SelectorTable}).
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

  private final SelectorTable<BackendConfig> backends;

  private ServicePatterns(SelectorTable<BackendConfig> backends) {
    this.backends = backends;
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
    SelectorTable.Builder<BackendConfig> table = SelectorTable.builder(false);
    for (BackendConfig backend : backends) {
      for (String pattern : backend.services()) {
        if (!isValid(pattern)) {
          throw new IllegalArgumentException(
              "\"" + pattern + "\" is not a service pattern (" + HINT + ")");
        }
        table.add(pattern, backend);
      }
    }
    return new ServicePatterns(table.build());
  }

  /** The backend serving the service with this full name, if any pattern covers it. */
  public Optional<BackendConfig> backendFor(String serviceFullName) {
    return backends.find(Objects.requireNonNull(serviceFullName, "serviceFullName"));
  }
}
