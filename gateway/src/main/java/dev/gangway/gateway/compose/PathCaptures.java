package dev.gangway.gateway.compose;

import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each variable of a composite's path template sits among the matched raw segments, and how
 * to read their values.
 *
 * <p>Immutable and thread-safe. A {@code **} can only end a template, so every variable starts at
 * a fixed index; only one that holds {@code **} runs to the end of the path.
 */
final class PathCaptures {
  /** @param end exclusive; -1 for "to the end of the path" */
  private record Capture(String name, int start, int end, boolean multiSegment) {}

  private final List<Capture> captures;

  private PathCaptures(List<Capture> captures) {
    this.captures = List.copyOf(captures);
  }

  static PathCaptures of(PathTemplate template) {
    List<Capture> captures = new ArrayList<>();
    int position = 0;
    for (Segment segment : template.segments()) {
      if (segment instanceof Segment.Variable variable) {
        int width = 0;
        boolean toEnd = false;
        for (Segment inner : variable.segments()) {
          toEnd |= inner instanceof Segment.DeepWildcard;
          width++;
        }
        captures.add(new Capture(variable.field().dotted(), position,
            toEnd ? -1 : position + width, variable.multiSegment()));
        position += width;
      } else {
        position++;
      }
    }
    return new PathCaptures(captures);
  }

  /** The variable names, in template order. */
  List<String> names() {
    return captures.stream().map(Capture::name).toList();
  }

  /** The decoded value of each variable; a multi-segment value keeps {@code %2F} encoded. */
  Map<String, String> values(List<String> segments) {
    Map<String, String> values = new HashMap<>();
    for (Capture c : captures) {
      int end = c.end() < 0 ? segments.size() : Math.min(c.end(), segments.size());
      StringBuilder raw = new StringBuilder();
      for (int i = c.start(); i < end; i++) {
        if (i > c.start()) {
          raw.append('/');
        }
        raw.append(segments.get(i));
      }
      values.put(c.name(), decode(raw.toString(), c.multiSegment()));
    }
    return values;
  }

  /**
   * Percent-decodes {@code text} as UTF-8; a malformed escape stays as written. With
   * {@code keepSlash}, {@code %2F} stays encoded (google.api.http: multi-segment variables do not
   * decode it).
   */
  static String decode(String text, boolean keepSlash) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int hi = i + 2 < text.length() && c == '%' ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (lo >= 0 && !(keepSlash && hi == 2 && lo == 15)) {
        out.write(hi * 16 + lo);
        i += 3;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i++;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
