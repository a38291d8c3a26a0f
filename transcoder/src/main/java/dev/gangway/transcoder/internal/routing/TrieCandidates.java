package dev.gangway.transcoder.internal.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route whose template matches a path, under any HTTP method: the competitors one
 * {@link TrieLookup} chooses among, for explaining a match. Walks the same trie in the same
 * precedence (literal, then {@code *}, then {@code **} with its suffixes), visiting every branch
 * that matches instead of stopping at the first route, so the routes come most specific first.
 *
 * <p>Not thread-safe; created per call and discarded. The cost is bounded by the path length and
 * the part of the trie that matches the path, never by the number of routes elsewhere.
 *
 * @param <T> the route value
 */
final class TrieCandidates<T> {
  private final String verb;
  private final List<String> segments;
  private final Set<T> found;

  private TrieCandidates(String verb, List<String> segments, Set<T> found) {
    this.verb = verb;
    this.segments = segments;
    this.found = found;
  }

  /** Adds to {@code found} the routes for {@code verb} matching {@code segments} (null: none). */
  static <T> void collect(RouteNode<T> root, String verb, List<String> segments, Set<T> found) {
    if (segments != null) {
      new TrieCandidates<>(verb, segments, found).visit(root, 0);
    }
  }

  private void visit(RouteNode<T> node, int index) {
    if (index == segments.size()) {
      terminals(node);
      if (node.deepWildcard() != null) {
        deep(node.deepWildcard(), index);
      }
      return;
    }
    RouteNode<T> literal = node.literal(segments.get(index));
    if (literal != null) {
      visit(literal, index + 1);
    }
    if (node.wildcard() != null) {
      visit(node.wildcard(), index + 1);
    }
    if (node.deepWildcard() != null) {
      deep(node.deepWildcard(), index);
    }
  }

  /** As {@link TrieLookup}: each literal suffix of the {@code **} node, longest first, then none. */
  private void deep(RouteNode<T> node, int index) {
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
        terminals(at);
      }
    }
    terminals(node);
  }

  private void terminals(RouteNode<T> node) {
    Map<String, T> byMethod = node.terminals(verb);
    if (byMethod != null) {
      // By method name: the map's own order changes from one JVM run to the next.
      byMethod.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> found.add(e.getValue()));
    }
  }
}
