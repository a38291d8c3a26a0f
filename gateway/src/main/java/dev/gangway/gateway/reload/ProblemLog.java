package dev.gangway.gateway.reload;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Logs the load problems of each snapshot without repeating itself: a problem already logged for
 * the previous snapshot is counted in one summary line instead of logged again, and at most
 * {@link #MAX_LINES} new problems are logged one per line (the rest are counted). A large API
 * with many unserved services then logs its problems once, not once per reload; all of them stay
 * on {@code /admin/status} and in {@code gangway validate}.
 *
 * <p>Thread-safe (synchronized): snapshots are built by the starting thread, then the reloader's.
 */
final class ProblemLog {
  static final int MAX_LINES = 20;

  private final Logger log;
  private Set<String> previous = Set.of();

  ProblemLog(Logger log) {
    this.log = log;
  }

  /** Logs the problems of snapshot {@code generation} at WARN, as described above. */
  synchronized void report(long generation, List<String> problems) {
    Set<String> now = new LinkedHashSet<>(problems);
    List<String> fresh = new ArrayList<>();
    int unchanged = 0;
    for (String problem : now) {
      if (previous.contains(problem)) {
        unchanged++;
      } else {
        fresh.add(problem);
      }
    }
    fresh.stream().limit(MAX_LINES).forEach(p -> log.warn("{}", p));
    if (fresh.size() > MAX_LINES) {
      log.warn("snapshot {}: and {} more new problem(s) (all on /admin/status)", generation,
          fresh.size() - MAX_LINES);
    }
    if (unchanged > 0) {
      log.warn("snapshot {}: {} problem(s) unchanged since the previous snapshot (not repeated;"
          + " all on /admin/status)", generation, unchanged);
    }
    previous = Set.copyOf(now);
  }
}
