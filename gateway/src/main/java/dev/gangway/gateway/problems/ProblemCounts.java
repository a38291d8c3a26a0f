package dev.gangway.gateway.problems;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many problems of each kind: the summary line of {@code gangway validate} and of the log line
 * every snapshot build writes.
 *
 * <p>Immutable.
 *
 * @param byKind the kinds that occur, in {@link ProblemKind} order, with their counts
 */
public record ProblemCounts(Map<ProblemKind, Long> byKind) {
  public ProblemCounts {
    Map<ProblemKind, Long> copy = new EnumMap<>(ProblemKind.class);
    copy.putAll(byKind);
    byKind = java.util.Collections.unmodifiableMap(copy);
  }

  public static ProblemCounts of(List<Problem> problems) {
    Map<ProblemKind, Long> counts = new EnumMap<>(ProblemKind.class);
    problems.forEach(p -> counts.merge(p.kind(), 1L, Long::sum));
    return new ProblemCounts(counts);
  }

  public long total() {
    return byKind.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code no problems}, or {@code 469 problems (16 HTTP rules, 453 route conflicts)}. */
  public String describe() {
    long total = total();
    if (total == 0) {
      return "no problems";
    }
    String kinds = byKind.entrySet().stream()
        .map(e -> e.getKey().count(e.getValue()))
        .collect(Collectors.joining(", "));
    return total + (total == 1 ? " problem (" : " problems (") + kinds + ")";
  }
}
