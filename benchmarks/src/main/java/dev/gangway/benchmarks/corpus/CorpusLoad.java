package dev.gangway.benchmarks.corpus;

import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import dev.gangway.transcoder.routing.MatchResult;
import dev.gangway.transcoder.internal.routing.RouteTable;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gangway.transcoder.openapi.OpenApiBuilder;
import dev.gangway.transcoder.openapi.OpenApiDocument;
import dev.gangway.transcoder.openapi.OpenApiInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scale benchmark: loads one big descriptor set (the googleapis corpus, see
 * benchmarks/corpus/fetch-googleapis.sh) into a transcoder and reports load time, live heap, where
 * every rule's request goes, and match time against the same paths in a 10-route table.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.corpus.CorpusLoad \
 *     benchmarks/target/googleapis/googleapis.pb
 * </pre>
 *
 * <p>Not a JMH benchmark: the load is a one-shot cost, measured cold and then warm (the best of
 * {@code LOADS} runs); the live heap is what stays reachable after two full collections.
 */
public final class CorpusLoad {
  private static final int LOADS = Integer.getInteger("corpus.loads", 3);
  private static final int MATCH_ROUNDS = 30;

  private CorpusLoad() {}

  public static void main(String[] args) throws Exception {
    Path set = Path.of(args.length > 0 ? args[0] : "benchmarks/target/googleapis/googleapis.pb");
    long before = liveHeap();
    Transcoder transcoder = null;
    long best = Long.MAX_VALUE;
    // corpus.reload=true keeps the previous snapshot while the next one is built, as a hot reload
    // does: run with the -Xmx to check and see whether the second load fits.
    boolean reload = Boolean.getBoolean("corpus.reload");
    for (int i = 0; i < LOADS; i++) {
      Transcoder previous = reload ? transcoder : null;
      transcoder = null;
      liveHeap();
      long start = System.nanoTime();
      long cpuStart = cpu();
      LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(set)));
      long loadedCpu = cpu();
      transcoder = Transcoder.build(loaded, TranscoderOptions.DEFAULT);
      loaded = null;
      if (previous != null) {
        System.out.printf(Locale.ROOT, "reload %d done while generation %d was held%n", i + 1, i);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      long cpuMillis = (cpu() - cpuStart) / 1_000_000;
      best = Math.min(best, cpuMillis);
      System.out.printf(Locale.ROOT, "load %d: %d ms wall, %d ms CPU (descriptors %d ms, routes %d"
          + " ms)%n", i + 1, millis, cpuMillis, (loadedCpu - cpuStart) / 1_000_000,
          (cpu() - loadedCpu) / 1_000_000);
    }
    long live = liveHeap() - before;
    System.out.printf(Locale.ROOT, "best load: %d ms CPU; live heap of the transcoder: %d MiB%n",
        best, live >> 20);
    System.out.printf(Locale.ROOT, "comments kept: %d files, %d KiB%n",
        transcoder.descriptors().comments().files(),
        transcoder.descriptors().comments().bytes() >> 10);
    System.out.printf(Locale.ROOT, "%d files, %d services, %d served routes, %d conflicts,"
            + " %d problems%n", transcoder.descriptors().files().size(),
        transcoder.descriptors().services().size(), transcoder.routes().size(),
        transcoder.conflicts().size(), transcoder.problems().size());
    if (Boolean.getBoolean("corpus.hold")) {
      // For a heap histogram: jcmd PID GC.class_histogram
      System.out.println("holding; pid " + ProcessHandle.current().pid());
      Thread.sleep(Long.MAX_VALUE);
    }
    reachability(transcoder);
    matchSpeed(transcoder);
    explainSpeed(transcoder);
    openApiSpeed(transcoder);
  }

  /**
   * The OpenAPI document of every served route, with descriptions from the comments (when the set
   * has source info): CPU time to build and write it, its size, and how many of its operations
   * have a description, so that a run without comments is told apart.
   */
  private static void openApiSpeed(Transcoder transcoder) throws IOException {
    for (int round = 1; round <= 2; round++) {
      long cpuStart = cpu();
      long start = System.nanoTime();
      OpenApiBuilder builder = OpenApiBuilder.create(
          new OpenApiInfo("googleapis", "corpus", Optional.empty()),
          transcoder.descriptors().comments(), transcoder.options());
      for (MethodRoute route : transcoder.routes()) {
        builder.addBinding(route.binding(), List.of());
      }
      OpenApiDocument document = builder.build();
      long documentCpu = cpu() - cpuStart;
      long withDocument = liveHeap();
      CountingStream out = new CountingStream();
      try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
        document.writeTo(json);
      }
      long afterWriting = liveHeap();
      long written = out.count;
      int operations = document.operations();
      document = null;
      builder = null;
      long without = liveHeap();
      System.out.printf(Locale.ROOT, "openapi %d: %d operations, %d MiB of JSON, %d ms CPU (%d ms"
          + " to build the document), %d ms wall (with full collections); the document held"
          + " %d MiB of heap before it was written, %d MiB after (the schemas it made)%n", round,
          operations, written >> 20, (cpu() - cpuStart) / 1_000_000, documentCpu / 1_000_000,
          (System.nanoTime() - start) / 1_000_000, (withDocument - without) >> 20,
          (afterWriting - without) >> 20);
    }
  }

  /** Counts what is written and keeps nothing. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  static Transcoder load(Path set) {
    return Transcoder.build(DescriptorLoader.load(List.of(DescriptorSource.path(set))),
        TranscoderOptions.DEFAULT);
  }

  /** Where each served route's own request path goes. */
  private static void reachability(Transcoder transcoder) {
    int own = 0;
    List<String> elsewhere = new ArrayList<>();
    for (MethodRoute route : transcoder.routes()) {
      String path = RequestPaths.of(route.binding().template());
      MatchResult<MethodRoute> result = transcoder.match(httpMethod(route), path);
      if (result instanceof MatchResult.Matched<MethodRoute> m && m.route() == route) {
        own++;
      } else {
        elsewhere.add(route.describe() + " <- " + path + " reached " + describe(result));
      }
    }
    System.out.printf(Locale.ROOT, "%d served routes reach their own method, %d reach another%n",
        own, elsewhere.size());
    elsewhere.stream().limit(20).forEach(e -> System.out.println("  " + e));
  }

  private static String describe(MatchResult<MethodRoute> result) {
    return result instanceof MatchResult.Matched<MethodRoute> m ? m.route().describe()
        : result.toString();
  }

  private static String httpMethod(MethodRoute route) {
    String method = route.binding().httpMethod();
    return method.equals("*") ? "GET" : method;
  }

  /** ns per match over the corpus's own paths, in the corpus table and in a 10-route table. */
  private static void matchSpeed(Transcoder big) throws Exception {
    List<MethodRoute> routes = big.routes();
    int step = Math.max(1, routes.size() / 10);
    List<String[]> ten = new ArrayList<>();
    List<String[]> all = new ArrayList<>();
    RouteTable.Builder<MethodRoute> tenRoutes =
        RouteTable.builder(Comparator.comparing(MethodRoute::describe), MethodRoute::describe);
    for (int i = 0; i < routes.size(); i++) {
      MethodRoute route = routes.get(i);
      String[] request = {httpMethod(route), RequestPaths.of(route.binding().template())};
      all.add(request);
      if (i % step == 0 && ten.size() < 10) {
        ten.add(request);
        tenRoutes.add(route.binding().httpMethod(), route.binding().template(), route);
      }
    }
    // The same ten requests against the full table and against a table of only their routes
    // (built with the transcoder's internal RouteTable: the public API builds whole snapshots).
    RouteTable<MethodRoute> small = tenRoutes.build();
    for (int round = 0; round < MATCH_ROUNDS; round++) {
      long bigNs = time(big::match, ten);
      long smallNs = time(small::match, ten);
      if (round == MATCH_ROUNDS - 1) {
        System.out.printf(Locale.ROOT, "match, same 10 paths: %d routes %d ns, 10 routes %d ns,"
            + " ratio %.2f%n", routes.size(), bigNs, smallNs, (double) bigNs / smallNs);
      }
    }
    long allNs = 0;
    for (int round = 0; round < 5; round++) {
      allNs = time(big::match, all);
    }
    System.out.printf(Locale.ROOT, "match, every corpus path once: %d ns on average%n", allNs);
  }

  /**
   * What {@code /admin/explain}'s candidate list costs per request path: the route table's own
   * walk ({@link Transcoder#candidates}) over 1,000 corpus paths, against what explain did
   * before, in the same run: one single-route table per served route, matched once each.
   */
  private static void explainSpeed(Transcoder big) {
    List<MethodRoute> routes = big.routes();
    int step = Math.max(1, routes.size() / 1000);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < routes.size(); i += step) {
      paths.add(RequestPaths.of(routes.get(i).binding().template()));
    }
    long candidates = 0;
    long walkNs = 0;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      for (String path : paths) {
        candidates += big.candidates(path).size();
      }
      walkNs = (System.nanoTime() - start) / paths.size();
    }
    int before = 5;
    long start = System.nanoTime();
    long oldCandidates = 0;
    for (String path : paths.subList(0, before)) {
      for (MethodRoute route : routes) {
        RouteTable<MethodRoute> one = RouteTable.<MethodRoute>builder((a, b) -> 0,
            MethodRoute::describe).add(route.binding().httpMethod(), route.binding().template(),
            route).build();
        String method = route.binding().httpMethod();
        if (one.match(method.equals(RouteTable.ANY_METHOD) ? "GET" : method, path)
            instanceof MatchResult.Matched) {
          oldCandidates++;
        }
      }
    }
    long tableNs = (System.nanoTime() - start) / before;
    System.out.printf(Locale.ROOT, "explain candidates: %.1f us per path (route table walk, %d"
        + " paths, %.2f candidates each), %.1f ms per path with a table per route (before, %d"
        + " paths), ratio %.0f%n", walkNs / 1e3, paths.size(),
        candidates / 5.0 / paths.size(), tableNs / 1e6, before, (double) tableNs / walkNs);
    if (oldCandidates == 0) {
      throw new IllegalStateException("the old way found no candidate");
    }
  }

  private static long time(
      BiFunction<String, String, MatchResult<MethodRoute>> matcher, List<String[]> requests) {
    int repeat = Math.max(1, 200_000 / requests.size());
    int found = 0;
    long start = System.nanoTime();
    for (int r = 0; r < repeat; r++) {
      for (String[] request : requests) {
        if (matcher.apply(request[0], request[1]) instanceof MatchResult.Matched) {
          found++;
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    if (found == 0) {
      throw new IllegalStateException("nothing matched");
    }
    return elapsed / ((long) repeat * requests.size());
  }

  /** CPU time of this thread (the load is single-threaded), so a busy machine does not count. */
  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Bytes reachable after two full collections. */
  static long liveHeap() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
