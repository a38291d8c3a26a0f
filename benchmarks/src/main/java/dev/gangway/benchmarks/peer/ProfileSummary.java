package dev.gangway.benchmarks.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sums an async-profiler collapsed-stack file (one {@code frame;frame;... count} line per stack)
 * into the categories docs/benchmarks.md reports: each stack counts once, for the first category
 * in the list below that any of its frames matches. Also prints the frames with the most samples
 * of their own. Works for CPU samples and for allocated bytes alike.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.peer.ProfileSummary \
 *     FILE.collapsed [requests]</pre>
 * With {@code requests}, the totals are also given per request.
 */
public final class ProfileSummary {
  private static final Map<String, Pattern> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("JIT compiler", Pattern.compile("CompileBroker|C2Compiler|C1Compiler"));
    CATEGORIES.put("GC", Pattern.compile("GCTask|G1|GenCollect|SerialHeap|VM_Operation"));
    CATEGORIES.put("waking another thread (hand-offs)", Pattern.compile(
        "eventFdWrite|EventFD\\.set0|EPollSelectorImpl\\.wakeup|Unsafe\\.unpark|futex_wake"));
    CATEGORIES.put("socket I/O and waiting (kernel)", Pattern.compile(
        "writev|read0|write0|recvAddress|sendAddress|epollWait|EPoll\\.wait|epoll_wait"));
    CATEGORIES.put("JSON <-> protobuf (transcoder)", Pattern.compile("dev/gangway/transcoder"));
    CATEGORIES.put("gRPC and Netty", Pattern.compile("io/grpc"));
    CATEGORIES.put("Undertow and XNIO", Pattern.compile("io/undertow|org/xnio"));
    CATEGORIES.put("gateway", Pattern.compile("dev/gangway/gateway"));
  }

  private ProfileSummary() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long requests = args.length > 1 ? Long.parseLong(args[1]) : 0;
    Map<String, Long> byCategory = new LinkedHashMap<>();
    CATEGORIES.keySet().forEach(c -> byCategory.put(c, 0L));
    byCategory.put("other", 0L);
    Map<String, Long> self = new TreeMap<>();
    long total = 0;
    for (String line : Files.readAllLines(file)) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long count = Long.parseLong(line.substring(space + 1));
      String stack = line.substring(0, space);
      total += count;
      byCategory.merge(category(stack), count, Long::sum);
      self.merge(stack.substring(stack.lastIndexOf(';') + 1), count, Long::sum);
    }
    System.out.printf("%s: %,d in all%s%n", file, total,
        requests > 0 ? String.format(" (%,.1f per request)", total / (double) requests) : "");
    for (Map.Entry<String, Long> e : byCategory.entrySet()) {
      System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey());
    }
    System.out.println("  top frames by own samples:");
    List<Map.Entry<String, Long>> top = self.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20).toList();
    for (Map.Entry<String, Long> e : top) {
      System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey());
    }
  }

  private static String category(String stack) {
    for (Map.Entry<String, Pattern> c : CATEGORIES.entrySet()) {
      if (c.getValue().matcher(stack).find()) {
        return c.getKey();
      }
    }
    return "other";
  }
}
