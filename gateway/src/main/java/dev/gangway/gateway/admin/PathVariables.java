package dev.gangway.gateway.admin;

import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;
import dev.gangway.transcoder.template.ShapeVisitor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw text each variable of a template captured from a matched path, for explain.
 *
 * <p>Stateless. Values stay percent-encoded, as the matcher saw them; the binding decodes them.
 */
final class PathVariables {
  private PathVariables() {}

  /**
   * Variable field path to captured text, in template order.
   *
   * @param segments the matched raw segments, verb removed ({@code Matched.segments()})
   */
  static Map<String, String> capture(PathTemplate template, List<String> segments) {
    Width fixed = new Width(0);
    template.visitShape(fixed);
    // '**' may only come last, so it takes whatever the fixed-width segments leave.
    int deep = Math.max(0, segments.size() - fixed.total);
    Map<String, String> values = new LinkedHashMap<>();
    int position = 0;
    for (Segment segment : template.segments()) {
      Width width = new Width(deep);
      segment.visitShape(width);
      int end = Math.min(segments.size(), position + width.total);
      if (segment instanceof Segment.Variable variable) {
        values.put(variable.field().dotted(), String.join("/", segments.subList(position, end)));
      }
      position = end;
    }
    return values;
  }

  /** Adds up how many path segments a shape covers; {@code **} counts as {@code deep}. */
  private static final class Width implements ShapeVisitor {
    private final int deep;
    private int total;

    Width(int deep) {
      this.deep = deep;
    }

    @Override
    public void literal(String value) {
      total++;
    }

    @Override
    public void wildcard() {
      total++;
    }

    @Override
    public void deepWildcard() {
      total += deep;
    }
  }
}
