package dev.gangway.transcoder.template;

/**
 * One element of a parsed path template (google/api/http.proto, "Path template syntax").
 *
 * <p>Immutable. Each kind formats itself back to template text, so {@code parse(format(t))} is the
 * identity on parsed templates.
 */
public sealed interface Segment
    permits Segment.Literal, Segment.Wildcard, Segment.DeepWildcard, Segment.Variable {

  /** Appends this segment's template text. */
  void format(StringBuilder out);

  /** Reports this segment's matching shape; a variable reports its inner segments. */
  void visitShape(ShapeVisitor visitor);

  /** A literal path segment, matched exactly (case-sensitive). */
  record Literal(String value) implements Segment {
    public Literal {
      java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public void format(StringBuilder out) {
      out.append(value);
    }

    @Override
    public void visitShape(ShapeVisitor visitor) {
      visitor.literal(value);
    }
  }

  /** {@code *}: exactly one path segment. */
  record Wildcard() implements Segment {
    @Override
    public void format(StringBuilder out) {
      out.append('*');
    }

    @Override
    public void visitShape(ShapeVisitor visitor) {
      visitor.wildcard();
    }
  }

  /** {@code **}: zero or more path segments; only last in a template (before the verb). */
  record DeepWildcard() implements Segment {
    @Override
    public void format(StringBuilder out) {
      out.append("**");
    }

    @Override
    public void visitShape(ShapeVisitor visitor) {
      visitor.deepWildcard();
    }
  }

  /**
   * {@code {field.path=segments}}: binds the matched text to a request field. {@code {x}} is stored
   * as {@code {x=*}}; {@code segments} never contains another Variable.
   */
  record Variable(FieldPath field, java.util.List<Segment> segments) implements Segment {
    public Variable {
      java.util.Objects.requireNonNull(field, "field");
      segments = java.util.List.copyOf(segments);
      if (segments.isEmpty()) {
        throw new IllegalArgumentException("variable " + field + " has no segments");
      }
    }

    /** True when the variable may capture more than one path segment (spec: multi-segment). */
    public boolean multiSegment() {
      return segments.size() > 1 || segments.get(0) instanceof DeepWildcard;
    }

    @Override
    public void format(StringBuilder out) {
      out.append('{').append(field.dotted());
      if (!(segments.size() == 1 && segments.get(0) instanceof Wildcard)) {
        out.append('=');
        for (int i = 0; i < segments.size(); i++) {
          if (i > 0) {
            out.append('/');
          }
          segments.get(i).format(out);
        }
      }
      out.append('}');
    }

    @Override
    public void visitShape(ShapeVisitor visitor) {
      for (Segment s : segments) {
        s.visitShape(visitor);
      }
    }
  }
}
