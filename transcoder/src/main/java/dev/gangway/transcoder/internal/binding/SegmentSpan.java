package dev.gangway.transcoder.internal.binding;

import java.util.List;

/**
 * Which raw path segments a variable covers. Positions before a {@code **} count from the start,
 * positions after it from the end, so one span fits every path the template matches.
 *
 * <p>Immutable.
 *
 * @param start first segment, inclusive
 * @param startFromEnd whether {@code start} counts back from the number of segments
 * @param end last segment, exclusive
 * @param endFromEnd whether {@code end} counts back from the number of segments
 */
record SegmentSpan(int start, boolean startFromEnd, int end, boolean endFromEnd) {

  /** The covered raw segments joined with {@code /} (still percent-encoded). */
  String text(List<String> segments) {
    int size = segments.size();
    int from = startFromEnd ? size - start : start;
    int to = endFromEnd ? size - end : end;
    if (from < 0 || to > size || from > to) {
      throw new IllegalArgumentException(
          "path segments " + segments + " do not fit span " + this + " (route and plan disagree)");
    }
    if (to - from == 1) {
      return segments.get(from);
    }
    StringBuilder out = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (i > from) {
        out.append('/');
      }
      out.append(segments.get(i));
    }
    return out.toString();
  }
}
