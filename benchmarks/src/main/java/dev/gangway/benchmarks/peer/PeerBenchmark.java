package dev.gangway.benchmarks.peer;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.benchmarks.peer.proto.Order;
import dev.gangway.benchmarks.peer.proto.User;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The peer benchmark (docs/benchmarks.md#peers): the same two workloads (a small GET, an 8.9 KB
 * order echoed) against direct gRPC, bare Undertow answering canned JSON, Armeria's in-process
 * HTTP/JSON transcoding and Gangway, interleaved in one run. Every server JVM runs pinned to the
 * server core; this process and wrk (the load generators) to the other (see benchmarks/peers.sh).
 * Prints, per step and as medians over the rounds, the servers' CPU microseconds per request
 * (from /proc/PID/stat: Gangway's figure is the gateway and its backend together) and the client's
 * p50/p99, with ratios to direct gRPC.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.peer.PeerBenchmark \
 *     [seconds per step] [rounds] [connections] [server cpu] [targets, e.g. direct,gangway]
 * </pre>
 *
 * <p>System properties: {@code peer.gangway.jvm}, extra JVM options for the gateway;
 * {@code peer.baseline=JAR}, another build's benchmarks.jar, run as target {@code baseline};
 * {@code peer.profile=cpu|alloc|jfr}, a profile of the gateway's measured steps
 * ({@link GatewayProfiler}); {@code peer.backend=direct|default-executor}, where the backend runs
 * its services ({@link BackendServer}).
 */
public final class PeerBenchmark {
  private static final List<String> SERVER_JVM = List.of("-Xms512m", "-Xmx512m");
  /** Warm-up per step: until this many requests (JIT compiled) or {@link #WARMUP_MAX_SECONDS}. */
  private static final long WARMUP_REQUESTS = 50_000;
  private static final int WARMUP_SECONDS = 5;
  private static final int WARMUP_MAX_SECONDS = 60;

  private final int seconds;
  private final int rounds;
  private final int connections;
  private final List<Target> targets;
  private final Map<Target, Integer> ports = new EnumMap<>(Target.class);
  private final Map<Target, List<ServerProcess>> servers = new EnumMap<>(Target.class);
  private final Map<Target, Map<Workload, List<Measurement>>> results = new EnumMap<>(Target.class);
  private Wrk wrk;
  private GrpcLoad grpc;
  private GatewayProfiler profiler;

  private PeerBenchmark(int seconds, int rounds, int connections, List<Target> targets) {
    this.seconds = seconds;
    this.rounds = rounds;
    this.connections = connections;
    this.targets = targets;
  }

  /**
   * One step's figures: load generator's view plus the servers' CPU time, all of them together
   * and the first alone (Gangway's gateway process without its backend).
   */
  record Measurement(LoadResult load, double cpuSeconds, double firstCpuSeconds, long wakeUps) {
    double cpuMicrosPerRequest() {
      return cpuSeconds * 1e6 / load.requests();
    }

    double firstCpuMicrosPerRequest() {
      return firstCpuSeconds * 1e6 / load.requests();
    }

    double wakeUpsPerRequest() {
      return wakeUps / (double) load.requests();
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    String cpu = args.length > 3 ? args[3] : "1";
    List<Target> targets = new ArrayList<>();
    for (String name : (args.length > 4 ? args[4] : "direct,undertow,armeria,gangway").split(",")) {
      targets.add(switch (name.trim()) {
        case "direct" -> Target.DIRECT_GRPC;
        case "undertow" -> Target.UNDERTOW;
        case "armeria" -> Target.ARMERIA;
        case "gangway" -> Target.GANGWAY;
        case "baseline" -> Target.GANGWAY_BASELINE;
        default -> throw new IllegalArgumentException("unknown target " + name);
      });
    }
    PeerBenchmark benchmark = new PeerBenchmark(seconds, rounds, connections, targets);
    try {
      benchmark.start(cpu);
      benchmark.run();
    } finally {
      benchmark.stop();
    }
  }

  private void start(String cpu) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("gangway-peers");
    String classpath = Path.of(PeerBenchmark.class.getProtectionDomain().getCodeSource()
        .getLocation().getPath()).toString();
    Path descriptors = Path.of(classpath).getParent().resolve("descriptors/bench.binpb");
    wrk = new Wrk(connections, Wrk.writePostScript(dir, Payloads.json(Payloads.order())));
    profiler = GatewayProfiler.fromSystemProperties(Path.of(classpath), dir);
    System.out.printf("== peer benchmark: %d s per step, %d rounds (after a warm-up of %,d requests"
            + " or %d s per step), %d connections or calls in flight; servers on cpu %s, logs in %s%n",
        seconds, rounds, WARMUP_REQUESTS, WARMUP_MAX_SECONDS, connections, cpu, dir);
    boolean needBackend = targets.contains(Target.DIRECT_GRPC) || targets.contains(Target.GANGWAY)
        || targets.contains(Target.GANGWAY_BASELINE);
    ServerProcess backend = null;
    if (needBackend) {
      int port = freePort();
      backend = ServerProcess.start("backend", cpu, SERVER_JVM, classpath,
          List.of(BackendServer.class.getName(), Integer.toString(port),
              System.getProperty("peer.backend", "direct")), "ready", dir);
      ports.put(Target.DIRECT_GRPC, port);
      servers.put(Target.DIRECT_GRPC, List.of(backend));
      grpc = new GrpcLoad("127.0.0.1:" + port);
    }
    if (targets.contains(Target.UNDERTOW)) {
      startHttp(Target.UNDERTOW, cpu, SERVER_JVM, classpath, CannedUndertow.class.getName(), dir);
    }
    if (targets.contains(Target.ARMERIA)) {
      startHttp(Target.ARMERIA, cpu, SERVER_JVM, classpath, ArmeriaTranscoding.class.getName(), dir);
    }
    if (targets.contains(Target.GANGWAY)) {
      startGangway(Target.GANGWAY, cpu, classpath, descriptors, backend, dir);
    }
    if (targets.contains(Target.GANGWAY_BASELINE)) {
      String baseline = System.getProperty("peer.baseline", "");
      if (baseline.isEmpty()) {
        throw new IllegalArgumentException("target baseline needs -Dpeer.baseline=JAR");
      }
      startGangway(Target.GANGWAY_BASELINE, cpu, baseline, descriptors, backend, dir);
    }
    for (Target target : targets) {
      if (target != Target.DIRECT_GRPC) {
        check(target);
      }
    }
  }

  private void startGangway(Target target, String cpu, String classpath, Path descriptors,
      ServerProcess backend, Path dir) throws IOException, InterruptedException {
    int port = freePort();
    Path config = dir.resolve(target.name().toLowerCase() + ".yaml");
    Files.writeString(config, "server:\n  bind: 127.0.0.1\n  port: " + port + "\n"
        + "admin:\n  port: -1\n"
        + "descriptors:\n  paths: [\"" + descriptors.toAbsolutePath() + "\"]\n  watch: false\n"
        + "backends:\n  - name: bench\n    services: [\"gangway.bench.v1.*\"]\n"
        + "    target: 127.0.0.1:" + ports.get(Target.DIRECT_GRPC) + "\n    timeout: 10s\n");
    List<String> jvm = new ArrayList<>(SERVER_JVM);
    String extra = System.getProperty("peer.gangway.jvm", "").trim();
    if (!extra.isEmpty()) {
      jvm.addAll(Arrays.asList(extra.split("\\s+")));
    }
    ServerProcess gateway = ServerProcess.start(target.name().toLowerCase(), cpu, jvm,
        classpath, List.of("dev.gangway.gateway.cli.Main", "--config", config.toString()),
        "listening on http://", dir);
    ports.put(target, port);
    servers.put(target, List.of(gateway, backend));
  }

  private void startHttp(Target target, String cpu, List<String> jvm, String classpath,
      String main, Path dir) throws IOException, InterruptedException {
    int port = freePort();
    ServerProcess server = ServerProcess.start(target.name().toLowerCase(), cpu, jvm, classpath,
        List.of(main, Integer.toString(port)), "ready", dir);
    ports.put(target, port);
    servers.put(target, List.of(server));
  }

  /** One request per workload: the answer must be the expected message, whatever its spelling. */
  private void check(Target target) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (Workload workload : Workload.values()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(target, workload)));
      if (workload.post()) {
        request.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Payloads.json(Payloads.order())));
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      // A cold server on a loaded core can miss the first call's deadline (class loading, the
      // backend channel connecting): only a steady failure is one.
      for (int attempt = 1; attempt < 3 && response.statusCode() != 200; attempt++) {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      }
      Message.Builder parsed = workload.post() ? Order.newBuilder() : User.newBuilder();
      Message expected = workload.post() ? Payloads.order() : Payloads.user(Payloads.USER_ID);
      if (response.statusCode() != 200) {
        throw new IOException(target + " " + workload + ": HTTP " + response.statusCode() + " "
            + response.body());
      }
      JsonFormat.parser().merge(response.body(), parsed);
      if (!parsed.build().equals(expected)) {
        throw new IOException(target + " " + workload + ": unexpected answer " + response.body());
      }
      System.out.printf("   %-32s %-13s answers %,d bytes of JSON%n", target.label(),
          workload.label(), response.body().getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private String url(Target target, Workload workload) {
    return "http://127.0.0.1:" + ports.get(target) + workload.path();
  }

  private void run() throws IOException, InterruptedException {
    if (profiler != null && servers.containsKey(Target.GANGWAY)) {
      profiler.prepare(servers.get(Target.GANGWAY).get(0).pid());
    }
    System.out.println("-- warm-up (not reported)");
    for (Workload workload : Workload.values()) {
      for (Target target : targets) {
        long requests = 0;
        for (int s = 0; s < WARMUP_MAX_SECONDS && requests < WARMUP_REQUESTS; s += WARMUP_SECONDS) {
          requests += step(target, workload, WARMUP_SECONDS).load().requests();
        }
      }
    }
    System.out.printf("%-6s %-32s %-13s %10s %10s %10s %10s %10s %10s%n", "round", "target",
        "workload", "req/s", "CPU us/req", "1st proc", "wakes/req", "p50 us", "p99 us");
    for (int round = 1; round <= rounds; round++) {
      for (Workload workload : Workload.values()) {
        for (Target target : targets) {
          boolean profiled = profiler != null && target == Target.GANGWAY;
          if (profiled) {
            profiler.start(servers.get(target).get(0).pid());
          }
          Measurement m = step(target, workload, seconds);
          if (profiled) {
            System.out.println("   profile: " + profiler.stop(servers.get(target).get(0).pid(),
                workload.name().toLowerCase() + "-" + round) + " (" + m.load().requests()
                + " requests)");
          }
          results.computeIfAbsent(target, t -> new EnumMap<>(Workload.class))
              .computeIfAbsent(workload, w -> new ArrayList<>()).add(m);
          System.out.printf("%-6d %-32s %-13s %,10.0f %10.1f %10.1f %10.2f %10.0f %10.0f%n",
              round, target.label(), workload.label(), m.load().requestsPerSecond(),
              m.cpuMicrosPerRequest(), m.firstCpuMicrosPerRequest(), m.wakeUpsPerRequest(),
              m.load().p50Micros(), m.load().p99Micros());
        }
      }
    }
    new PeerReport(targets, results).print(System.out);
  }

  private Measurement step(Target target, Workload workload, int duration)
      throws IOException, InterruptedException {
    List<ServerProcess> measured = servers.get(target);
    long before = 0;
    long firstBefore = measured.get(0).cpuTicks();
    long switchesBefore = 0;
    for (ServerProcess server : measured) {
      before += server.cpuTicks();
      switchesBefore += server.voluntaryContextSwitches();
    }
    LoadResult load = target == Target.DIRECT_GRPC
        ? grpc.run(workload, connections, duration)
        : wrk.run(url(target, workload), workload.post(), duration);
    long after = 0;
    long firstAfter = measured.get(0).cpuTicks();
    long switchesAfter = 0;
    for (ServerProcess server : measured) {
      after += server.cpuTicks();
      switchesAfter += server.voluntaryContextSwitches();
    }
    return new Measurement(load, (after - before) / (double) ServerProcess.CLOCK_TICKS,
        (firstAfter - firstBefore) / (double) ServerProcess.CLOCK_TICKS,
        switchesAfter - switchesBefore);
  }

  private void stop() throws InterruptedException {
    if (grpc != null) {
      grpc.close();
    }
    for (List<ServerProcess> list : servers.values()) {
      for (ServerProcess server : list) {
        server.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
