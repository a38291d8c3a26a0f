package dev.gangway.gateway.cors;

import dev.gangway.gateway.config.CorsConfig.CorsSettings;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One CORS setting of the {@code cors} section, compiled for the request path: who may call, and
 * the {@code Access-Control-*} header values, built once.
 *
 * <p>Immutable and thread-safe. Per request: set probes and prefix checks, no regular expressions.
 */
final class CorsRules {
  static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
  static final HttpString ALLOW_CREDENTIALS =
      HttpString.tryFromString("Access-Control-Allow-Credentials");
  static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
  static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
  static final HttpString EXPOSE_HEADERS =
      HttpString.tryFromString("Access-Control-Expose-Headers");
  static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");

  private final boolean enabled;
  private final AllowedOrigins origins;
  private final Set<String> methods;
  private final String allowMethods;
  private final Set<String> headers;
  private final List<String> headerPrefixes;
  private final List<String> exposed;
  private final List<String> exposedPrefixes;
  private final boolean credentials;
  private final String maxAgeSeconds;

  CorsRules(CorsSettings settings) {
    this.enabled = settings.enabled();
    this.origins = new AllowedOrigins(settings.allowedOrigins());
    this.methods = Set.copyOf(settings.allowedMethods());
    this.allowMethods = String.join(", ", settings.allowedMethods());
    this.headers = Set.copyOf(names(settings.allowedHeaders(), false));
    this.headerPrefixes = names(settings.allowedHeaders(), true);
    this.exposed = names(settings.exposedHeaders(), false);
    this.exposedPrefixes = names(settings.exposedHeaders(), true);
    this.credentials = settings.allowCredentials();
    this.maxAgeSeconds = Long.toString(settings.maxAge().toSeconds());
  }

  /** The plain names ({@code prefixes} false) or the prefixes of {@code x-*} entries, without *. */
  private static List<String> names(List<String> entries, boolean prefixes) {
    List<String> out = new ArrayList<>();
    for (String entry : entries) {
      if (entry.endsWith("-*") == prefixes) {
        out.add(prefixes ? entry.substring(0, entry.length() - 1) : entry);
      }
    }
    return List.copyOf(out);
  }

  /** Whether these settings allow any origin at all; otherwise CORS is off for the route. */
  boolean enabled() {
    return enabled;
  }

  boolean allowsOrigin(String origin) {
    return origins.allows(origin);
  }

  boolean allowsMethod(String method) {
    return methods.contains(method);
  }

  /** {@code Access-Control-Allow-Methods}: {@code GET, POST, ...}, as configured. */
  String allowMethods() {
    return allowMethods;
  }

  String maxAgeSeconds() {
    return maxAgeSeconds;
  }

  /**
   * Whether a request header name (lower case) may be sent. CORS-safelisted headers need no
   * listing, but browsers only ask about the others.
   */
  boolean allowsHeader(String name) {
    if (headers.contains(name)) {
      return true;
    }
    for (String prefix : headerPrefixes) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Marks a response for an allowed origin: {@code Access-Control-Allow-Origin} ({@code *} when
   * every origin is allowed without credentials, else the origin as sent),
   * {@code Access-Control-Allow-Credentials}, and {@code Vary: Origin}.
   */
  void allowOrigin(HeaderMap response, String origin) {
    boolean wildcard = origins.any() && !credentials;
    response.put(ALLOW_ORIGIN, wildcard ? "*" : origin);
    if (credentials) {
      response.put(ALLOW_CREDENTIALS, "true");
    }
  }

  /**
   * Adds {@code Vary: Origin} when the answer depends on the origin (not for {@code *} without
   * credentials): a shared cache must not hand one origin's answer to another.
   */
  void varyByOrigin(HeaderMap response) {
    if (!origins.any() || credentials) {
      addVary(response, "Origin");
    }
  }

  /** Adds {@code name} to the response's one {@code Vary} header, once. */
  static void addVary(HeaderMap response, String name) {
    String vary = response.getFirst(Headers.VARY);
    if (vary == null || vary.isEmpty()) {
      response.put(Headers.VARY, name);
    } else if (!requestedHeaders(response.get(Headers.VARY)).contains(
        name.toLowerCase(Locale.ROOT))) {
      response.put(Headers.VARY, vary + ", " + name);
    }
  }

  /**
   * {@code Access-Control-Expose-Headers} for an actual response: the listed names, plus, when
   * prefixes such as {@code grpc-metadata-*} are listed, the response's own headers that start
   * with one (resolved when the response commits, since a header list allows no patterns).
   */
  void expose(HttpServerExchange exchange) {
    if (exposedPrefixes.isEmpty()) {
      if (!exposed.isEmpty()) {
        exchange.getResponseHeaders().put(EXPOSE_HEADERS, String.join(", ", exposed));
      }
      return;
    }
    exchange.addResponseCommitListener(committed -> {
      Set<String> names = new LinkedHashSet<>(exposed);
      for (HttpString header : committed.getResponseHeaders().getHeaderNames()) {
        String name = header.toString().toLowerCase(Locale.ROOT);
        for (String prefix : exposedPrefixes) {
          if (name.startsWith(prefix)) {
            names.add(name);
          }
        }
      }
      if (!names.isEmpty()) {
        committed.getResponseHeaders().put(EXPOSE_HEADERS, String.join(", ", names));
      }
    });
  }

  /** The names of a {@code Access-Control-Request-Headers} value, lower case, in order. */
  static List<String> requestedHeaders(HeaderValues values) {
    Set<String> names = new HashSet<>();
    List<String> ordered = new ArrayList<>();
    if (values == null) {
      return ordered;
    }
    for (String value : values) {
      int start = 0;
      while (start <= value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        String name = value.substring(start, end).trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && names.add(name)) {
          ordered.add(name);
        }
        start = end + 1;
      }
    }
    return ordered;
  }
}
