package dev.gangway.transcoder.template;

/**
 * Receives the matching shape of a path template: its literal, {@code *} and {@code **} segments
 * in path order, with variables replaced by their inner segments.
 *
 * <p>Two templates with the same shape match exactly the same paths ({@code /v1/{name=shelves/*}}
 * and {@code /v1/shelves/{id}} both have the shape literal {@code v1}, literal {@code shelves},
 * {@code *}). The route trie builds its nodes from this, so it never inspects segment kinds.
 * Implementations decide their own thread-safety.
 */
public interface ShapeVisitor {

  /** A literal segment, matched exactly against the raw (percent-encoded) path segment. */
  void literal(String value);

  /** {@code *}: exactly one path segment. */
  void wildcard();

  /** {@code **}: zero or more path segments; always the last shape element. */
  void deepWildcard();
}
