package dev.gangway.transcoder.internal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw request path into its segments by hand (an {@code indexOf} loop, no regex).
 *
 * <p>Stateless and thread-safe.
 */
final class RequestPath {
  private RequestPath() {}

  /**
   * The segments of {@code rawPath[1, end)}, still percent-encoded; {@code "/"} has none.
   *
   * @param rawPath a path starting with '/'
   * @param end where the segments end: the path length or the index of the verb's ':'
   * @return the segments, or null when one is empty ({@code //}, trailing '/'): such a path
   *     matches no route
   */
  static List<String> split(String rawPath, int end) {
    List<String> segments = new ArrayList<>(8);
    if (end == 1) {
      return segments;
    }
    int start = 1;
    while (true) {
      int slash = rawPath.indexOf('/', start);
      int stop = slash < 0 || slash > end ? end : slash;
      if (stop == start) {
        return null;
      }
      segments.add(rawPath.substring(start, stop));
      if (stop == end) {
        return segments;
      }
      start = stop + 1;
    }
  }
}
