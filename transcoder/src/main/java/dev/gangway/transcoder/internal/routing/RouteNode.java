package dev.gangway.transcoder.internal.routing;

import java.util.Map;

/**
 * One node of a built route trie: the children for the next path segment and the routes that end
 * here.
 *
 * <p>Immutable and thread-safe. Children sit in typed slots (STYLE rule 6): literal segments in a
 * map keyed by their raw text, {@code *} and {@code **} in their own fields, so a literal segment
 * that reads {@code "*"} can never be mistaken for a wildcard.
 *
 * @param <T> the route value
 */
final class RouteNode<T> {
  private final Map<String, RouteNode<T>> literals;
  /** The {@code *} child, or null. */
  private final RouteNode<T> wildcard;
  /**
   * The {@code **} child, or null. Its only children are literals: the suffixes that may follow
   * {@code **} in the EXTENDED template syntax.
   */
  private final RouteNode<T> deepWildcard;
  /** Verb ("" for none) to HTTP method ("*" for any) to the route served there. */
  private final Map<String, Map<String, T>> terminals;
  /** On a {@code **} node: lengths of its literal suffixes that end in routes, longest first. */
  private final int[] suffixLengths;

  RouteNode(
      Map<String, RouteNode<T>> literals,
      RouteNode<T> wildcard,
      RouteNode<T> deepWildcard,
      Map<String, Map<String, T>> terminals,
      int[] suffixLengths) {
    this.literals = Map.copyOf(literals);
    this.wildcard = wildcard;
    this.deepWildcard = deepWildcard;
    this.terminals = Map.copyOf(terminals);
    this.suffixLengths = suffixLengths.clone();
  }

  /** On a {@code **} node, the literal suffix lengths that end in routes, longest first. */
  int suffixLength(int i) {
    return suffixLengths[i];
  }

  int suffixCount() {
    return suffixLengths.length;
  }

  /** The child for a literal segment, or null. */
  RouteNode<T> literal(String segment) {
    return literals.get(segment);
  }

  /** The {@code *} child, or null. */
  RouteNode<T> wildcard() {
    return wildcard;
  }

  /** The {@code **} child, or null. */
  RouteNode<T> deepWildcard() {
    return deepWildcard;
  }

  /** The routes ending here for a verb, by HTTP method; null when there are none. */
  Map<String, T> terminals(String verb) {
    return terminals.get(verb);
  }
}
