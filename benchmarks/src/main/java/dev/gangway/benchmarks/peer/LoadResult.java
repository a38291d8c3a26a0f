package dev.gangway.benchmarks.peer;

/**
 * What one load step measured: completed requests, elapsed time and latency percentiles (in
 * microseconds), as the load generator saw them.
 */
record LoadResult(long requests, double seconds, double p50Micros, double p99Micros) {
  double requestsPerSecond() {
    return requests / seconds;
  }
}
