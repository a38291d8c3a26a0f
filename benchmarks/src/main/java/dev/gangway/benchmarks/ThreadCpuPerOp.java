package dev.gangway.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JMH benchmark class's methods timed by this thread's CPU time rather than the wall clock: on
 * a machine that other work shares (a CI runner, a VM while builds run) the wall-clock averages
 * of JMH swing by 2-10x, while CPU time per operation moves far less. Not a replacement for JMH
 * on a quiet machine (no forks, no blackholes beyond using each result), but a fair comparison of
 * methods in one run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.gangway.benchmarks.ThreadCpuPerOp CLASS METHOD...}
 * (the class's {@code @Setup} method must be called {@code setUp}). Each method is warmed up for
 * {@value #WARMUP} calls, then timed in {@value #ROUNDS} rounds of {@value #PER_ROUND} calls; the
 * fastest round and all rounds are printed, in microseconds of CPU per call.
 */
public final class ThreadCpuPerOp {
  private static final int WARMUP = 60_000;
  private static final int ROUNDS = 7;
  private static final int PER_ROUND = 20_000;

  private ThreadCpuPerOp() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ThreadCpuPerOp CLASS METHOD...");
      System.exit(2);
    }
    Class<?> type = Class.forName(args[0]);
    Object benchmark = type.getConstructor().newInstance();
    type.getMethod("setUp").invoke(benchmark);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int a = 1; a < args.length; a++) {
      Method method = type.getMethod(args[a]);
      for (int i = 0; i < WARMUP; i++) {
        sink += System.identityHashCode(method.invoke(benchmark));
      }
      List<String> rounds = new ArrayList<>();
      double best = Double.MAX_VALUE;
      for (int r = 0; r < ROUNDS; r++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < PER_ROUND; i++) {
          sink += System.identityHashCode(method.invoke(benchmark));
        }
        double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / PER_ROUND;
        best = Math.min(best, micros);
        rounds.add(String.format(Locale.ROOT, "%.1f", micros));
      }
      System.out.printf(Locale.ROOT, "%-34s %7.1f us CPU/op (fastest of %d rounds: %s)%n",
          args[a], best, ROUNDS, String.join(" ", rounds));
    }
    if (sink == 42) {
      System.out.println(); // uses every result, so none of the calls can be dropped
    }
  }
}
