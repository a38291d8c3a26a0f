package dev.gangway.benchmarks;

import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.routing.MatchResult;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route matching among 10 and 10,000 routes: the trie's cost must follow the path, not the table.
 * Baseline: one {@link HashMap} lookup of the exact path string (what a table of fixed paths
 * would cost; it cannot match templates).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteMatchBenchmark {

  @Param({"10", "10000"})
  int routes;

  private Transcoder transcoder;
  private final Map<String, String> exactPaths = new HashMap<>();
  private String[] paths;
  private int next;

  @Setup
  public void setUp() {
    transcoder = BenchDescriptors.syntheticRoutes(routes);
    // Three routes from the middle of the table, one of each shape, so no single branch is hot.
    int base = routes / 2 - (routes / 2) % 3;
    paths = new String[] {
      BenchDescriptors.syntheticRequestPath(base),
      BenchDescriptors.syntheticRequestPath(base + 1),
      BenchDescriptors.syntheticRequestPath(base + 2)
    };
    for (int i = 0; i < routes; i++) {
      exactPaths.put(BenchDescriptors.syntheticRequestPath(i), "M" + i);
    }
    for (String path : paths) {
      if (!(transcoder.match("GET", path) instanceof MatchResult.Matched)) {
        throw new IllegalStateException("benchmark path does not match: " + path);
      }
    }
  }

  @Benchmark
  public MatchResult<MethodRoute> trieMatch() {
    String path = paths[next++ % paths.length];
    return transcoder.match("GET", path);
  }

  @Benchmark
  public String baselineHashMapLookup() {
    String path = paths[next++ % paths.length];
    return exactPaths.get(path);
  }
}
