package dev.gangway.gateway.cors;

import dev.gangway.gateway.config.CorsConfig.CorsSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code allowed_origins} of one CORS setting, compiled: {@code *}, a set of exact origins,
 * and patterns with one {@code *} for the leading host labels ({@code https://*.example.com}) or
 * the port ({@code http://localhost:*}).
 *
 * <p>Immutable and thread-safe. Per request: one lower-casing, one set probe, a prefix and suffix
 * check per pattern; no regular expressions.
 */
final class AllowedOrigins {
  private final boolean any;
  private final Set<String> exact;
  private final List<Wildcard> patterns;

  /** @param origins as validated by the config reader: lower case, {@code *} or origins */
  AllowedOrigins(List<String> origins) {
    boolean anyOrigin = false;
    Set<String> exactOrigins = new HashSet<>();
    List<Wildcard> wildcards = new ArrayList<>();
    for (String origin : origins) {
      int star = origin.indexOf('*');
      if (origin.equals(CorsSettings.ANY)) {
        anyOrigin = true;
      } else if (star < 0) {
        exactOrigins.add(origin);
      } else {
        wildcards.add(new Wildcard(origin.substring(0, star), origin.substring(star + 1),
            origin.endsWith(":*")));
      }
    }
    this.any = anyOrigin;
    this.exact = Set.copyOf(exactOrigins);
    this.patterns = List.copyOf(wildcards);
  }

  /** Whether every origin is allowed ({@code *}). */
  boolean any() {
    return any;
  }

  /**
   * Whether {@code origin}, as a browser sent it, is allowed. The opaque origin {@code null}
   * (sandboxed frames, {@code file:} pages) is allowed by {@code *} only.
   */
  boolean allows(String origin) {
    if (any) {
      return true;
    }
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (exact.contains(normalized)) {
      return true;
    }
    for (Wildcard pattern : patterns) {
      if (pattern.matches(normalized)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One pattern: what comes before and after its {@code *}, and what the {@code *} may stand
   * for: one to five digits for a port, else one or more host labels (letters, digits, {@code -},
   * dots between labels).
   */
  private record Wildcard(String prefix, String suffix, boolean port) {
    boolean matches(String origin) {
      int end = origin.length() - suffix.length();
      if (end <= prefix.length() || !origin.startsWith(prefix) || !origin.endsWith(suffix)) {
        return false;
      }
      if (port) {
        return end - prefix.length() <= 5 && allMatch(origin, prefix.length(), end, "");
      }
      return origin.charAt(prefix.length()) != '.' && origin.charAt(end - 1) != '.'
          && allMatch(origin, prefix.length(), end, "-.abcdefghijklmnopqrstuvwxyz");
    }

    /** Whether {@code text[from, to)} holds only digits and {@code others}. */
    private static boolean allMatch(String text, int from, int to, String others) {
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if ((c < '0' || c > '9') && others.indexOf(c) < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
