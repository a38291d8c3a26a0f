package dev.gangway.transcoder.internal.routing;

import dev.gangway.transcoder.routing.MatchResult;
import dev.gangway.transcoder.routing.RouteConflict;
import dev.gangway.transcoder.template.PathTemplate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Matches an HTTP method and raw request path to a route: a trie over path segments built once
 * from path templates.
 *
 * <p>Immutable and thread-safe; build it with {@link #builder} (not thread-safe, confine it to the
 * loader). Matching costs O(path segments) and does not grow with the number of routes; it uses
 * no regex and allocates little (the segment list and one lookup object per attempt).
 *
 * <p>Matching rules:
 * <ul>
 *   <li>Precedence per segment: literal, then {@code *}, then {@code **}, with backtracking: the
 *       most specific route that has the method wins; within one node an exact method beats
 *       {@value #ANY_METHOD}.
 *   <li>The path stays percent-encoded: literals compare against the raw text, and
 *       {@link MatchResult.Matched#segments()} holds raw segments. {@code %2F} never splits.
 *   <li>The path must start with '/'. {@code "/"} has zero segments. An empty segment ({@code //}
 *       or a trailing '/') matches nothing, so such a path is not found (as in Envoy and
 *       grpc-gateway).
 *   <li>A verb is split off only when the last segment contains ':' and the text after its last
 *       ':' is a verb some route registers. If no route serves the path with that verb, the whole
 *       last segment is matched as a plain segment ({@code /v1/things/a:b} binds {@code a:b}).
 *   <li>No route for the path: {@link MatchResult.NotFound}. Routes for the path but none for the
 *       method: {@link MatchResult.MethodNotAllowed} with the methods that would match.
 *   <li>HEAD is an ordinary method here: a GET route does not answer HEAD.
 * </ul>
 *
 * <p>Usage:
 * <pre>{@code
 * RouteTable<Api> table = RouteTable.<Api>builder(Api.PRECEDENCE, Api::name)
 *     .add("GET", PathTemplateParser.parse("/v1/{name=shelves/*}"), getShelf)
 *     .build();
 * MatchResult<Api> result = table.match("GET", "/v1/shelves/s1");
 * }</pre>
 *
 * @param <T> what a route carries: the transcoder's method binding or a composite route
 */
public final class RouteTable<T> {
  /** The HTTP method of a route that answers every method (HttpRule custom kind {@code *}). */
  public static final String ANY_METHOD = "*";

  private final RouteNode<T> root;
  private final Set<String> verbs;
  private final List<T> routes;
  private final List<RouteConflict> conflicts;

  private RouteTable(RouteTrieBuilder.Frozen<T> frozen) {
    this.root = frozen.root();
    this.verbs = frozen.verbs();
    this.routes = frozen.routes();
    this.conflicts = frozen.conflicts();
  }

  /**
   * Starts a table.
   *
   * @param precedence orders routes that match the same requests (same method, verb and path
   *     shape): the first is served, the others become {@link RouteConflict}s; ties fall back to
   *     the descriptions' order
   * @param describe names a route in conflicts ({@code gangway.test.Library.GetShelf})
   */
  public static <T> Builder<T> builder(
      Comparator<? super T> precedence, Function<? super T, String> describe) {
    return new Builder<>(
        Objects.requireNonNull(precedence, "precedence"),
        Objects.requireNonNull(describe, "describe"));
  }

  /**
   * Finds the route for a request.
   *
   * @param httpMethod the request method as sent ({@code GET}); compared exactly
   * @param rawPath the request path without query string, still percent-encoded
   */
  public MatchResult<T> match(String httpMethod, String rawPath) {
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(rawPath, "rawPath");
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return new MatchResult.NotFound<>();
    }
    Set<String> allowed = Set.of();
    String verb = registeredVerb(rawPath);
    if (!verb.isEmpty()) {
      int colon = rawPath.length() - verb.length() - 1;
      TrieLookup<T> withVerb =
          TrieLookup.run(root, httpMethod, verb, RequestPath.split(rawPath, colon));
      if (withVerb.found()) {
        return withVerb.matched();
      }
      allowed = withVerb.allowed();
    }
    // No verb, or no route takes it: the last segment, colon and all, is a plain segment.
    TrieLookup<T> plain =
        TrieLookup.run(root, httpMethod, "", RequestPath.split(rawPath, rawPath.length()));
    if (plain.found()) {
      return plain.matched();
    }
    if (allowed.isEmpty() && plain.allowed().isEmpty()) {
      return new MatchResult.NotFound<>();
    }
    Set<String> union = new HashSet<>(allowed);
    union.addAll(plain.allowed());
    return new MatchResult.MethodNotAllowed<>(union);
  }

  /**
   * Every served route whose template matches the path, under any HTTP method, most specific
   * first: what {@link #match} chooses among, for explaining a match (an admin request, never the
   * request path). The cost is that of {@link #match}: the trie along the path, not the number of
   * routes.
   *
   * @param rawPath the request path without query string, still percent-encoded
   */
  public List<T> candidates(String rawPath) {
    Objects.requireNonNull(rawPath, "rawPath");
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return List.of();
    }
    Set<T> found = new LinkedHashSet<>();
    String verb = registeredVerb(rawPath);
    if (!verb.isEmpty()) {
      TrieCandidates.collect(root, verb,
          RequestPath.split(rawPath, rawPath.length() - verb.length() - 1), found);
    }
    TrieCandidates.collect(root, "", RequestPath.split(rawPath, rawPath.length()), found);
    return List.copyOf(found);
  }

  /** Every served route, in the order they were added; conflict losers are left out. */
  public List<T> routes() {
    return routes;
  }

  /** Routes that are not served because another route matches the same requests. */
  public List<RouteConflict> conflicts() {
    return conflicts;
  }

  /** The text after the last ':' of the last segment if some route registers it, else "". */
  private String registeredVerb(String rawPath) {
    int colon = rawPath.lastIndexOf(':');
    if (verbs.isEmpty() || colon < rawPath.lastIndexOf('/')) {
      return "";
    }
    String verb = rawPath.substring(colon + 1);
    return verbs.contains(verb) ? verb : "";
  }

  /**
   * Collects routes for a {@link RouteTable}.
   *
   * <p>Not thread-safe; confine it to the loader. {@link #build()} may be called more than once;
   * each table is independent of later additions.
   *
   * @param <T> the route value
   */
  public static final class Builder<T> {
    private final RouteTrieBuilder<T> trie;

    private Builder(Comparator<? super T> precedence, Function<? super T, String> describe) {
      this.trie = new RouteTrieBuilder<>(precedence, describe);
    }

    /**
     * Adds a route. A route that matches the same requests as another one (same method, verb and
     * path shape) is kept until {@link #build()}, which serves the one the precedence ranks first.
     *
     * @param httpMethod the HTTP method, compared exactly with the request's, or
     *     {@value RouteTable#ANY_METHOD} for every method
     * @throws IllegalArgumentException if the method is empty or a hand-built template has
     *     segments after {@code **}
     */
    public Builder<T> add(String httpMethod, PathTemplate template, T value) {
      Objects.requireNonNull(httpMethod, "httpMethod");
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(value, "value");
      if (httpMethod.isEmpty()) {
        throw new IllegalArgumentException("empty HTTP method for " + template.format());
      }
      trie.add(httpMethod, template, value);
      return this;
    }

    /** Freezes the routes added so far into an immutable table. */
    public RouteTable<T> build() {
      return new RouteTable<>(trie.freeze());
    }
  }
}
