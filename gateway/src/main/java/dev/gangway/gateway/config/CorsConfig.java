package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cors} section: which browser pages on other origins may call which routes, with
 * which methods and headers, and which response headers their scripts may read (the Fetch
 * standard's CORS protocol). Off unless some {@code allowed_origins} is set.
 *
 * <p>Immutable.
 *
 * @param defaults the settings of every route no rule matches, and of requests that match no
 *     route (the section's top-level keys)
 * @param rules per-route overrides in file order; a route takes the most specific rule that
 *     matches it, with the keys the rule leaves out taken from {@code defaults}
 */
public record CorsConfig(CorsSettings defaults, List<CorsRule> rules) {
  /** CORS off: no origin is allowed anywhere, preflights go on as plain {@code OPTIONS}. */
  public static final CorsConfig DEFAULT = new CorsConfig(CorsSettings.DEFAULT, List.of());

  public CorsConfig {
    Objects.requireNonNull(defaults, "defaults");
    rules = List.copyOf(rules);
  }

  /** Whether any route allows any origin. */
  public boolean enabled() {
    return defaults.enabled() || rules.stream().anyMatch(r -> r.settings().enabled());
  }

  /**
   * One route's (or the default) CORS settings, as written, lower-cased where case does not
   * matter.
   *
   * @param allowedOrigins {@code *}, exact origins ({@code https://app.example.com}) and patterns
   *     with one {@code *} for the leading host labels ({@code https://*.example.com}) or the port
   *     ({@code http://localhost:*}); empty turns CORS off
   * @param allowedMethods request methods a preflight may ask for, upper case
   * @param allowedHeaders request header names a preflight may ask for, lower case, or prefixes
   *     ending in {@code -*} ({@code grpc-metadata-*})
   * @param exposedHeaders response header names page scripts may read, lower case, or prefixes
   *     ending in {@code -*}, resolved against the response's headers
   * @param allowCredentials whether pages may send cookies and HTTP authentication and read the
   *     answer ({@code Access-Control-Allow-Credentials: true}); never with the origin {@code *}
   * @param maxAge how long a browser may cache a preflight's answer
   */
  public record CorsSettings(List<String> allowedOrigins, List<String> allowedMethods,
      List<String> allowedHeaders, List<String> exposedHeaders, boolean allowCredentials,
      Duration maxAge) {
    /** Any origin (only without credentials). */
    public static final String ANY = "*";

    /** No origin allowed; the other keys at their documented defaults. */
    public static final CorsSettings DEFAULT = new CorsSettings(List.of(),
        List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"),
        List.of("authorization", "content-type", "grpc-timeout", "grpc-metadata-*"),
        List.of("gangway-partial", "grpc-metadata-*", "grpc-status", "grpc-message",
            "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy",
            "retry-after", "www-authenticate"),
        false, Duration.ofMinutes(10));

    public CorsSettings {
      allowedOrigins = List.copyOf(allowedOrigins);
      allowedMethods = List.copyOf(allowedMethods);
      allowedHeaders = List.copyOf(allowedHeaders);
      exposedHeaders = List.copyOf(exposedHeaders);
      Objects.requireNonNull(maxAge, "maxAge");
    }

    /** Whether these settings allow some origin. */
    public boolean enabled() {
      return !allowedOrigins.isEmpty();
    }
  }

  /**
   * One per-route rule.
   *
   * @param match route selectors, as in {@code access}: {@code pkg.Service.Method},
   *     {@code pkg.Service.*}, {@code pkg.*}, {@code *} or {@code composite:NAME}
   * @param settings the defaults with the rule's keys applied
   */
  public record CorsRule(List<String> match, CorsSettings settings) {
    public CorsRule {
      match = List.copyOf(match);
      Objects.requireNonNull(settings, "settings");
    }
  }
}
