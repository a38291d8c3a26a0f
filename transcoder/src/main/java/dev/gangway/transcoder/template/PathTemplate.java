package dev.gangway.transcoder.template;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code google.api.http} path template: {@code "/" Segments [ Verb ]}.
 *
 * <p>Immutable and thread-safe. Built by {@link PathTemplateParser}; {@link #format()} prints the
 * canonical text ({@code {x=*}} prints as {@code {x}}).
 *
 * @param segments top-level segments; variables appear as one element holding their own segments
 * @param verb the custom verb without the colon, or empty
 */
public record PathTemplate(List<Segment> segments, Optional<String> verb) {
  public PathTemplate {
    segments = List.copyOf(segments);
    Objects.requireNonNull(verb, "verb");
  }

  /** The template text in canonical form. */
  public String format() {
    StringBuilder out = new StringBuilder();
    for (Segment s : segments) {
      out.append('/');
      s.format(out);
    }
    if (segments.isEmpty()) {
      out.append('/'); // the root template "/"
    }
    verb.ifPresent(v -> out.append(':').append(v));
    return out.toString();
  }

  /**
   * Reports the matching shape (literal, {@code *}, {@code **} segments; variables contribute their
   * inner segments) in path order. The verb is not part of the shape.
   */
  public void visitShape(ShapeVisitor visitor) {
    for (Segment s : segments) {
      s.visitShape(visitor);
    }
  }

  /** The variables in template order. */
  public List<Segment.Variable> variables() {
    return segments.stream()
        .filter(Segment.Variable.class::isInstance)
        .map(Segment.Variable.class::cast)
        .toList();
  }

  @Override
  public String toString() {
    return format();
  }
}
