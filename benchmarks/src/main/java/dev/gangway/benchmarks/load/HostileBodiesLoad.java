package dev.gangway.benchmarks.load;

import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10's F7 attack as a figure: the latency of a small GET ({@code /v1/diagnostics/whoami})
 * alone, then while two clients send ~3.7 MB JSON bodies with 300,000 map entries to {@code POST
 * /v1/diagnostics:echo} in a loop. Runs the Diagnostics sample and a gateway in this JVM on
 * ephemeral loopback ports; each phase lasts {@code SECONDS}. Two rounds: with the default JSON
 * limits (the bodies are refused by {@code limits.max_json_entries} after being read), and with
 * {@code limits.max_json_entries: 1000000} so that every body is bound (on the binding pool, off
 * the IO threads) and sent to the backend, as in the measurement.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.load.HostileBodiesLoad \
 *     samples/target/descriptors/samples.binpb 15</pre>
 *
 * <p>With a third argument {@code serve}, it only serves for {@code SECONDS} (h2c on) and prints
 * the port, for h2load.
 */
public final class HostileBodiesLoad {
  private static final String SMALL_GET =
      "GET /v1/diagnostics/whoami HTTP/1.1\r\nHost: bench\r\n\r\n";

  private HostileBodiesLoad() {}

  public static void main(String[] args) throws Exception {
    Path descriptors = Path.of(args.length > 0 ? args[0] : "samples/target/descriptors/samples.binpb");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    boolean serve = args.length > 2 && args[2].equals("serve");
    try (RunningSamples samples = SampleServers.builder()
        .backends(SampleBackend.DIAGNOSTICS).bindHost("127.0.0.1").build().start()) {
      String target = samples.target(SampleBackend.DIAGNOSTICS);
      if (serve) {
        try (GatewayServer gateway = gateway(descriptors, target, "")) {
          System.out.println("serving on 127.0.0.1:" + gateway.httpPort() + " for " + seconds + " s");
          Thread.sleep(seconds * 1000L);
        }
        return;
      }
      byte[] hostile = hostileBody(300_000);
      System.out.printf("hostile body: %,d bytes, 300,000 map entries%n", hostile.length);
      for (String limits : List.of("", "limits: {max_json_entries: 1000000}")) {
        try (GatewayServer gateway = gateway(descriptors, target, limits)) {
          int port = gateway.httpPort();
          System.out.println("-- " + (limits.isEmpty() ? "default limits" : limits));
          measure(port, Math.min(5, seconds), 0, hostile); // warm-up, not reported
          report("small GET alone", measure(port, seconds, 0, hostile));
          report("small GET, 2 hostile clients", measure(port, seconds, 2, hostile));
        }
      }
    }
  }

  private static GatewayServer gateway(Path descriptors, String target, String limits)
      throws Exception {
    Path config = Files.createTempFile("gangway-hostile", ".yaml");
    Files.writeString(config, String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, h2c: true}",
        "admin: {port: -1}",
        "descriptors: {paths: ['" + descriptors.toAbsolutePath() + "'], watch: false}",
        "backends:",
        "  - {name: diagnostics, services: [gangway.samples.diagnostics.v1.Diagnostics],"
            + " target: '" + target + "'}",
        limits,
        ""));
    return GatewayServer.start(new ConfigLoader(Optional.of(config), CliOverrides.NONE, n -> null));
  }

  /** {"message":"m","labels":{"k0":"","k1":"",...}} */
  private static byte[] hostileBody(int entries) {
    StringBuilder json = new StringBuilder("{\"message\":\"m\",\"labels\":{");
    for (int i = 0; i < entries; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"\"");
    }
    return json.append("}}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private record Result(long[] nanos, long hostileRequests, String hostileStatuses) {}

  /** Small GETs one after another on one keep-alive connection, with {@code hostile} attackers. */
  private static Result measure(int port, int seconds, int hostile, byte[] body) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong attacks = new AtomicLong();
    StringBuffer statuses = new StringBuffer();
    List<Thread> attackers = new ArrayList<>();
    for (int i = 0; i < hostile; i++) {
      Thread attacker = new Thread(() -> attack(port, body, done, attacks, statuses));
      attacker.start();
      attackers.add(attacker);
    }
    List<Long> samples = new ArrayList<>();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] request = SMALL_GET.getBytes(StandardCharsets.US_ASCII);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        int status = readResponse(in);
        samples.add(System.nanoTime() - start);
        if (status != 200) {
          throw new IOException("small GET answered " + status);
        }
      }
    }
    done.set(true);
    for (Thread attacker : attackers) {
      attacker.join();
    }
    long[] nanos = samples.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(nanos, attacks.get(), statuses.toString());
  }

  private static void attack(
      int port, byte[] body, AtomicBoolean done, AtomicLong attacks, StringBuffer statuses) {
    byte[] head = ("POST /v1/diagnostics:echo HTTP/1.1\r\nHost: bench\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    while (!done.get()) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(60_000);
        while (!done.get()) {
          socket.getOutputStream().write(head);
          socket.getOutputStream().write(body);
          socket.getOutputStream().flush();
          int status = readResponse(socket.getInputStream());
          attacks.incrementAndGet();
          if (statuses.indexOf(" " + status) < 0) {
            statuses.append(' ').append(status);
          }
          if (status != 200) {
            break; // refusals close the connection
          }
        }
      } catch (IOException e) {
        // the gateway closed a refused connection: open the next
      }
    }
  }

  /** Reads one response with a Content-Length body; returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return Integer.parseInt(text.substring(9, 12));
  }

  private static void report(String step, Result result) {
    long[] n = result.nanos();
    System.out.printf("%-32s %,8d GETs  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %8.2f ms"
            + "%s%n", step, n.length, ms(n, 0.50), ms(n, 0.90), ms(n, 0.99),
        n[n.length - 1] / 1e6, result.hostileRequests() == 0 ? ""
            : String.format("  (%d hostile bodies answered:%s)", result.hostileRequests(),
                result.hostileStatuses()));
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))] / 1e6;
  }
}
