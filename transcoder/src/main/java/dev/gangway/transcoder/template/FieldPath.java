package dev.gangway.transcoder.template;

import java.util.List;

/**
 * A dotted request-field path as written in a template or rule ({@code book.name}).
 *
 * <p>Immutable. Names are proto field names as written; resolution against a message type happens
 * in the binding compiler.
 */
public record FieldPath(List<String> names) {
  public FieldPath {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("empty field path");
    }
  }

  /** Parses {@code a.b.c}; no validation beyond non-empty parts. */
  public static FieldPath of(String dotted) {
    return new FieldPath(List.of(dotted.split("\\.", -1)));
  }

  public String dotted() {
    return String.join(".", names);
  }

  @Override
  public String toString() {
    return dotted();
  }
}
