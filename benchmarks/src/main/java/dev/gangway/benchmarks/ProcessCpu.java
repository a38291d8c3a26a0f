package dev.gangway.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time as the kernel counts it: {@code utime + stime} of {@code /proc/<pid>/stat},
 * all its threads (JIT and GC included). Coarse (clock ticks of 10 ms), so read it around work of
 * a second or more.
 *
 * <p>Stateless; the static methods are thread-safe.
 */
public final class ProcessCpu {
  /** Kernel clock ticks per second of /proc/<pid>/stat ({@code getconf CLK_TCK}; 100 on Linux). */
  public static final long CLOCK_TICKS = 100;

  private ProcessCpu() {}

  /** User plus system CPU time of process {@code pid} so far, in clock ticks. */
  public static long ticks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after "(comm) ".
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The 1-, 5- and 15-minute load averages, as {@code /proc/loadavg} gives them. */
  public static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
