package dev.gangway.benchmarks.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JDK Flight Recording of one step: the bytes every thread allocated during it (exact:
 * {@code jdk.ThreadAllocationStatistics} at the recording's start and end), and where they went,
 * from the allocation samples ({@code jdk.ObjectAllocationSample}, weighted estimates) by
 * allocated class and by allocating method (the first frame outside the JDK, so that a
 * {@code byte[]} is charged to the code that asked for it). With the step's request count, also
 * per request.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.peer.JfrAllocations \
 *     FILE.jfr [requests]</pre>
 */
public final class JfrAllocations {
  private JfrAllocations() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long requests = args.length > 1 ? Long.parseLong(args[1]) : 0;
    Map<String, Long> byClass = new HashMap<>();
    Map<String, Long> bySite = new HashMap<>();
    Map<Long, long[]> threads = new HashMap<>(); // thread id -> {lowest, highest} allocated
    long total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().equals("jdk.ThreadAllocationStatistics")) {
        long allocated = event.getLong("allocated");
        threads.merge(event.getThread("thread").getJavaThreadId(),
            new long[] {allocated, allocated},
            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        continue;
      }
      if (!event.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
        continue;
      }
      long weight = event.getLong("weight");
      total += weight;
      byClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
      bySite.merge(site(event), weight, Long::sum);
    }
    double per = requests > 0 ? requests : 1;
    long exact = threads.values().stream().mapToLong(a -> a[1] - a[0]).sum();
    System.out.printf("%s: %,.1f MB allocated by threads alive at both ends%s;"
            + " samples estimate %,.1f MB%n", file, exact / 1e6,
        requests > 0 ? String.format(" (%,.0f bytes per request)", exact / per) : "", total / 1e6);
    print("by class", byClass, total, per, requests > 0);
    print("by allocating method", bySite, total, per, requests > 0);
  }

  private static String site(RecordedEvent event) {
    if (event.getStackTrace() == null) {
      return "(no stack)";
    }
    List<RecordedFrame> frames = event.getStackTrace().getFrames();
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return type + "." + frame.getMethod().getName();
      }
    }
    return frames.isEmpty() ? "(no frames)" : frames.get(0).getMethod().getType().getName() + "."
        + frames.get(0).getMethod().getName();
  }

  private static void print(String title, Map<String, Long> weights, long total, double per,
      boolean perRequest) {
    System.out.println("  " + title + ":");
    weights.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(20)
        .forEach(e -> System.out.printf("  %5.1f%% %s %s%n", 100.0 * e.getValue() / total,
            perRequest ? String.format("%,8.0f B/req", e.getValue() / per) : "", e.getKey()));
  }
}
