package dev.gangway.gateway.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Values by selector, found by the most specific selector that covers a name: the exact name, then
 * each enclosing {@code prefix.*} from the longest, then {@code *}. A {@code prefix.*} covers the
 * names under it at any depth ({@code pkg.*} covers {@code pkg.v1.Service.Method}).
 *
 * <p>This is the one precedence of every section that picks a setting by these selectors
 * (backends' {@code services}, {@code access.routes}, {@code cors.routes}, and the coverage checks
 * of {@code openapi.services} and the start-up report), kept in one place so that they cannot
 * drift apart (docs/configuration.md states it per section).
 *
 * <p>Immutable and thread-safe. A lookup is a few map probes, one per enclosing prefix: no
 * pattern matching.
 *
 * @param <T> what a selector selects
 */
public final class SelectorTable<T> {
  /** The selector that covers every name. */
  public static final String ANY = "*";
  private static final String PREFIX_SUFFIX = ".*";

  private final Map<String, T> exact;
  /** Keyed by the prefix without the trailing {@code .*}. */
  private final Map<String, T> prefixes;
  private final Optional<T> any;

  private SelectorTable(Map<String, T> exact, Map<String, T> prefixes, Optional<T> any) {
    this.exact = Map.copyOf(exact);
    this.prefixes = Map.copyOf(prefixes);
    this.any = any;
  }

  /** Whether {@code selector} covers {@code name} ({@code *}, an enclosing prefix, or the name). */
  public static boolean covers(String selector, String name) {
    if (selector.equals(ANY)) {
      return true;
    }
    if (selector.endsWith(PREFIX_SUFFIX)) {
      return name.startsWith(selector.substring(0, selector.length() - 1));
    }
    return selector.equals(name);
  }

  /**
   * A table where a selector given twice keeps its {@code later} or its first value: sections
   * read in file order, where a later rule overrides (access, CORS), or where the first claim
   * stands (backends).
   */
  public static <T> Builder<T> builder(boolean laterWins) {
    return new Builder<>(laterWins);
  }

  /** The value of the most specific selector covering the dotted name {@code name}. */
  public Optional<T> find(String name) {
    Objects.requireNonNull(name, "name");
    T found = exact.get(name);
    for (int dot = name.lastIndexOf('.'); found == null && dot > 0;
        dot = name.lastIndexOf('.', dot - 1)) {
      found = prefixes.get(name.substring(0, dot));
    }
    return found != null ? Optional.of(found) : any;
  }

  /**
   * The value of {@code name} itself, else of {@code *}: for names that are not dotted paths
   * ({@code composite:NAME}), which no {@code prefix.*} covers.
   */
  public Optional<T> findWhole(String name) {
    T found = exact.get(Objects.requireNonNull(name, "name"));
    return found != null ? Optional.of(found) : any;
  }

  /** The value of {@code *}: for what no other selector can name (static sites). */
  public Optional<T> any() {
    return any;
  }

  /** Collects selectors and their values; not thread-safe. */
  public static final class Builder<T> {
    private final boolean laterWins;
    private final Map<String, T> exact = new HashMap<>();
    private final Map<String, T> prefixes = new HashMap<>();
    private T any;

    private Builder(boolean laterWins) {
      this.laterWins = laterWins;
    }

    /** Adds {@code selector} ({@code *}, {@code prefix.*} or a name) selecting {@code value}. */
    public Builder<T> add(String selector, T value) {
      Objects.requireNonNull(value, "value");
      if (selector.equals(ANY)) {
        any = laterWins || any == null ? value : any;
      } else if (selector.endsWith(PREFIX_SUFFIX)) {
        put(prefixes, selector.substring(0, selector.length() - PREFIX_SUFFIX.length()), value);
      } else {
        put(exact, selector, value);
      }
      return this;
    }

    private void put(Map<String, T> map, String key, T value) {
      if (laterWins) {
        map.put(key, value);
      } else {
        map.putIfAbsent(key, value);
      }
    }

    public SelectorTable<T> build() {
      return new SelectorTable<>(exact, prefixes, Optional.ofNullable(any));
    }
  }
}
