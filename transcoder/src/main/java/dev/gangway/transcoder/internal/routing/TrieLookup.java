package dev.gangway.transcoder.internal.routing;

import dev.gangway.transcoder.routing.MatchResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One walk of a route trie for one request: finds the most specific route for the path that
 * serves the method, and remembers which methods the path would accept otherwise.
 *
 * <p>Not thread-safe; created per request and discarded. Precedence at every level is literal,
 * then {@code *}, then {@code **}, with backtracking: a more specific node that has the path but
 * not the method does not hide a less specific node that has both. Each trie node is visited at
 * most once (its depth fixes the segment index), so the cost is bounded by the path length and
 * the trie's size near that path, never by the number of routes elsewhere.
 *
 * @param <T> the route value
 */
final class TrieLookup<T> {
  private final String method;
  private final String verb;
  private final List<String> segments;
  /** Methods of the nodes that matched the path but not the method; null until one is seen. */
  private Set<String> allowed;
  /** The route found, or null. */
  private T route;

  private TrieLookup(String method, String verb, List<String> segments) {
    this.method = method;
    this.verb = verb;
    this.segments = segments;
  }

  /**
   * Walks the trie from {@code root}.
   *
   * @param segments the raw path segments, or null for a path no route can match
   */
  static <T> TrieLookup<T> run(RouteNode<T> root, String method, String verb,
      List<String> segments) {
    TrieLookup<T> lookup = new TrieLookup<>(method, verb, segments);
    if (segments != null) {
      lookup.route = lookup.find(root, 0);
    }
    return lookup;
  }

  /** True when a route serves the path and the method. */
  boolean found() {
    return route != null;
  }

  /** The match; only when {@link #found()}. */
  MatchResult<T> matched() {
    return new MatchResult.Matched<>(route, segments, verb);
  }

  /**
   * The route for the whole path from {@code node} at segment {@code index}, or null. Recurses
   * once per literal or {@code *} node on the way, so the depth is bounded by the templates, not
   * by the request: {@code **} takes any number of segments without recursing.
   */
  private T find(RouteNode<T> node, int index) {
    if (index == segments.size()) {
      T here = terminal(node);
      // '**' also matches zero segments, after the node's own routes.
      return here != null || node.deepWildcard() == null ? here : deep(node.deepWildcard(), index);
    }
    RouteNode<T> literal = node.literal(segments.get(index));
    if (literal != null) {
      T found = find(literal, index + 1);
      if (found != null) {
        return found;
      }
    }
    if (node.wildcard() != null) {
      T found = find(node.wildcard(), index + 1);
      if (found != null) {
        return found;
      }
    }
    return node.deepWildcard() == null ? null : deep(node.deepWildcard(), index);
  }

  /**
   * {@code **} at segment {@code index}: it takes every segment up to one of its literal
   * suffixes, tried longest first (the more specific route), else the rest of the path. The
   * suffix fixes how many segments {@code **} takes, so each try is one loop, no recursion.
   */
  private T deep(RouteNode<T> node, int index) {
    int size = segments.size();
    for (int i = 0; i < node.suffixCount(); i++) {
      int start = size - node.suffixLength(i);
      if (start < index) {
        continue;
      }
      RouteNode<T> at = node;
      for (int s = start; s < size && at != null; s++) {
        at = at.literal(segments.get(s));
      }
      if (at != null) {
        T found = terminal(at);
        if (found != null) {
          return found;
        }
      }
    }
    return terminal(node);
  }

  /** The methods accepted by nodes that matched the path; empty when none did. */
  Set<String> allowed() {
    return allowed == null ? Set.of() : allowed;
  }

  /** The route at a node that matched the whole path: the exact method, else {@code *}. */
  private T terminal(RouteNode<T> node) {
    Map<String, T> byMethod = node.terminals(verb);
    if (byMethod == null) {
      return null;
    }
    T route = byMethod.get(method);
    if (route == null) {
      route = byMethod.get(RouteTable.ANY_METHOD);
    }
    if (route == null) {
      if (allowed == null) {
        allowed = new HashSet<>();
      }
      allowed.addAll(byMethod.keySet());
    }
    return route;
  }
}
