package dev.gangway.benchmarks.corpus;

import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;

/**
 * A request path that a template matches: literals as written, {@code *} as one made-up segment,
 * {@code **} as two. Made-up segments ({@code w1}, {@code w2}, ...) never equal a literal of the
 * googleapis templates, so the path reaches the template it was made from unless another route
 * is more specific for it.
 */
final class RequestPaths {
  private RequestPaths() {}

  static String of(PathTemplate template) {
    StringBuilder path = new StringBuilder();
    int[] counter = {0};
    for (Segment segment : template.segments()) {
      append(segment, path, counter);
    }
    if (path.length() == 0) {
      path.append('/');
    }
    template.verb().ifPresent(v -> path.append(':').append(v));
    return path.toString();
  }

  private static void append(Segment segment, StringBuilder path, int[] counter) {
    if (segment instanceof Segment.Literal literal) {
      path.append('/').append(literal.value());
    } else if (segment instanceof Segment.Wildcard) {
      path.append("/w").append(++counter[0]);
    } else if (segment instanceof Segment.DeepWildcard) {
      path.append("/d").append(++counter[0]).append("/d").append(++counter[0]);
    } else if (segment instanceof Segment.Variable variable) {
      for (Segment inner : variable.segments()) {
        append(inner, path, counter);
      }
    }
  }
}
