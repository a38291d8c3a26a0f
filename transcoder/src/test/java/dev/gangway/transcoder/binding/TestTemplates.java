package dev.gangway.transcoder.binding;

import dev.gangway.transcoder.template.FieldPath;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-only reader for well-formed templates ({@code /v1/{name=shelves/*}/books:verb}); the
 * real parser lives in the template package. No error handling beyond what the tests need.
 */
final class TestTemplates {
  private TestTemplates() {}

  static PathTemplate parse(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("template must start with '/': " + template);
    }
    String body = template.substring(1);
    Optional<String> verb = Optional.empty();
    int lastSlash = body.lastIndexOf('/');
    int colon = body.indexOf(':', Math.max(lastSlash, body.lastIndexOf('}')));
    if (colon >= 0) {
      verb = Optional.of(body.substring(colon + 1));
      body = body.substring(0, colon);
    }
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    while (i <= body.length()) {
      if (i < body.length() && body.charAt(i) == '{') {
        int close = body.indexOf('}', i);
        segments.add(variable(body.substring(i + 1, close)));
        i = close + 2;
      } else {
        int slash = body.indexOf('/', i);
        int end = slash < 0 ? body.length() : slash;
        segments.add(plain(body.substring(i, end)));
        i = end + 1;
      }
    }
    return new PathTemplate(segments, verb);
  }

  private static Segment variable(String inside) {
    int eq = inside.indexOf('=');
    if (eq < 0) {
      return new Segment.Variable(FieldPath.of(inside), List.of(new Segment.Wildcard()));
    }
    List<Segment> inner = new ArrayList<>();
    for (String part : inside.substring(eq + 1).split("/", -1)) {
      inner.add(plain(part));
    }
    return new Segment.Variable(FieldPath.of(inside.substring(0, eq)), inner);
  }

  private static Segment plain(String text) {
    switch (text) {
      case "*":
        return new Segment.Wildcard();
      case "**":
        return new Segment.DeepWildcard();
      default:
        return new Segment.Literal(text);
    }
  }
}
