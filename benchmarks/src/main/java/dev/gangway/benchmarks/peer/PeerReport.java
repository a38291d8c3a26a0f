package dev.gangway.benchmarks.peer;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The peer benchmark's summary: per workload and target, the median over the rounds of CPU
 * microseconds per request, p50 and p99, each with its ratio to direct gRPC's median, the spread
 * (lowest and highest round) of the CPU figure, the gateway process's own CPU (for Gangway, which
 * is measured with its backend), and the servers' wake-ups (voluntary context switches) per
 * request. Printed as a Markdown table, the form docs/benchmarks.md keeps.
 */
final class PeerReport {
  private final List<Target> targets;
  private final Map<Target, Map<Workload, List<PeerBenchmark.Measurement>>> results;

  PeerReport(List<Target> targets,
      Map<Target, Map<Workload, List<PeerBenchmark.Measurement>>> results) {
    this.targets = targets;
    this.results = results;
  }

  void print(PrintStream out) {
    for (Workload workload : Workload.values()) {
      out.println();
      out.println("### " + workload.label() + " (medians over the rounds; ratio to direct gRPC)");
      out.println();
      out.println("| target | CPU us/req | CPU spread | gateway alone | wake-ups/req | p50 | p99"
          + " | req/s |");
      out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      for (Target target : targets) {
        List<PeerBenchmark.Measurement> runs = results.get(target).get(workload);
        double cpu = median(runs, PeerBenchmark.Measurement::cpuMicrosPerRequest);
        double p50 = median(runs, m -> m.load().p50Micros());
        double p99 = median(runs, m -> m.load().p99Micros());
        double rate = median(runs, m -> m.load().requestsPerSecond());
        double wakeUps = median(runs, PeerBenchmark.Measurement::wakeUpsPerRequest);
        String gatewayAlone = target == Target.GANGWAY || target == Target.GANGWAY_BASELINE
            ? String.format("%.1f", median(runs, PeerBenchmark.Measurement::firstCpuMicrosPerRequest))
            : "-";
        out.printf("| %s | %.1f%s | %.1f-%.1f | %s | %.2f | %.0f us%s | %.0f us%s | %,.0f |%n",
            target.label(), cpu, ratio(cpu, workload, PeerBenchmark.Measurement::cpuMicrosPerRequest),
            min(runs, PeerBenchmark.Measurement::cpuMicrosPerRequest),
            max(runs, PeerBenchmark.Measurement::cpuMicrosPerRequest), gatewayAlone, wakeUps,
            p50, ratio(p50, workload, m -> m.load().p50Micros()),
            p99, ratio(p99, workload, m -> m.load().p99Micros()), rate);
      }
    }
  }

  private String ratio(double value, Workload workload,
      ToDoubleFunction<PeerBenchmark.Measurement> figure) {
    Map<Workload, List<PeerBenchmark.Measurement>> direct = results.get(Target.DIRECT_GRPC);
    if (direct == null) {
      return "";
    }
    return String.format(" (%.1fx)", value / median(direct.get(workload), figure));
  }

  private static double median(List<PeerBenchmark.Measurement> runs,
      ToDoubleFunction<PeerBenchmark.Measurement> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static double min(List<PeerBenchmark.Measurement> runs,
      ToDoubleFunction<PeerBenchmark.Measurement> figure) {
    return runs.stream().mapToDouble(figure).min().orElseThrow();
  }

  private static double max(List<PeerBenchmark.Measurement> runs,
      ToDoubleFunction<PeerBenchmark.Measurement> figure) {
    return runs.stream().mapToDouble(figure).max().orElseThrow();
  }
}
