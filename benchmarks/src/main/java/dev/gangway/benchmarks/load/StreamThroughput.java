package dev.gangway.benchmarks.load;

import dev.gangway.benchmarks.ProcessCpu;
import dev.gangway.samples.diagnostics.DiagnosticsGrpc;
import dev.gangway.samples.diagnostics.Tick;
import dev.gangway.samples.diagnostics.TicksRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server-streaming throughput, gateway against its baseline in one run: {@code rounds} streams of
 * {@code count} Diagnostics.Ticks messages read one after another, straight from the gRPC
 * backend (async stub, callbacks on the transport thread), then through the gateway as NDJSON
 * and as WebSocket text frames ({@code /v1/diagnostics/ticks}), the three interleaved round by
 * round. Prints messages per second for each, the ratios to direct gRPC (over the whole run and
 * the median of the rounds'), and, for each serving process named by its pid, its CPU time per
 * message on each leg ({@code /proc/<pid>/stat}, which moves far less with machine load than
 * messages per second), with the load average before and after. Every message is read and
 * counted; a short stream is an error, not a figure.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.load.StreamThroughput \
 *     http://127.0.0.1:8080[,http://BASELINE] 127.0.0.1:50055 10000 20 [backend=PID,gateway=PID]</pre>
 *
 * <p>A second gateway address (another build in front of the same backend) adds its NDJSON and
 * WebSocket legs as a baseline, interleaved with the rest. {@code benchmarks/streams.sh} starts
 * the backend and the gateways on ephemeral ports and runs it.
 */
public final class StreamThroughput {
  /** One way of reading a stream of {@code count} messages; returns the nanoseconds it took. */
  private interface Leg {
    long read(int count) throws Exception;
  }

  /** A serving process whose CPU time is measured around every stream. */
  private record Server(String name, long pid) {}

  private StreamThroughput() {}

  public static void main(String[] args) throws Exception {
    String gateway = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    String target = args.length > 1 ? args[1] : "127.0.0.1:50055";
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    List<Server> servers = args.length > 4 ? servers(args[4]) : List.of();
    // Callbacks on the transport thread: the fastest a gRPC client reads a stream.
    ManagedChannel channel =
        NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
    DiagnosticsGrpc.DiagnosticsStub stub = DiagnosticsGrpc.newStub(channel);
    String path = "/v1/diagnostics/ticks?count=" + count;
    List<String> names = new ArrayList<>(List.of("direct gRPC"));
    List<Leg> legs = new ArrayList<>(List.of(n -> direct(stub, n)));
    String[] gateways = gateway.split(",");
    for (int g = 0; g < gateways.length; g++) {
      URI uri = URI.create(gateways[g]);
      String name = g == 0 ? "gateway" : "baseline";
      names.add(name + " NDJSON");
      legs.add(n -> viaGateway(uri.getHost(), uri.getPort(), path, n));
      names.add(name + " WebSocket");
      legs.add(n -> viaWebSocket(uri.getHost(), uri.getPort(), path, n));
    }
    for (int i = 0; i < 3; i++) { // warm-up, not reported
      for (Leg leg : legs) {
        leg.read(count);
      }
    }
    String loadBefore = ProcessCpu.loadAverage();
    long[] nanos = new long[legs.size()];
    long[][] ticks = new long[legs.size()][servers.size()];
    double[][] roundRates = new double[legs.size()][rounds];
    for (int r = 0; r < rounds; r++) { // interleaved so all see the same machine state
      for (int l = 0; l < legs.size(); l++) {
        long[] before = cpuTicks(servers);
        long elapsed = legs.get(l).read(count);
        long[] after = cpuTicks(servers);
        nanos[l] += elapsed;
        roundRates[l][r] = count / (elapsed / 1e9);
        for (int s = 0; s < servers.size(); s++) {
          ticks[l][s] += after[s] - before[s];
        }
      }
    }
    System.out.printf("%d streams of %d messages per leg, interleaved; load average %s before,"
        + " %s after%n", rounds, count, loadBefore, ProcessCpu.loadAverage());
    long messages = (long) count * rounds;
    for (int l = 0; l < legs.size(); l++) {
      System.out.printf("%-19s %,9.0f messages/s%s%n", names.get(l) + ":",
          messages / (nanos[l] / 1e9), cpuPerMessage(servers, ticks[l], messages));
    }
    for (int l = 1; l < legs.size(); l++) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = roundRates[l][r] / roundRates[0][r];
      }
      Arrays.sort(ratios);
      System.out.printf("%s / direct: %.2fx (median of rounds %.2fx, range %.2f-%.2f)%n",
          names.get(l), (double) nanos[0] / nanos[l],
          ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
    }
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** {@code name=pid,name=pid}. */
  private static List<Server> servers(String spec) {
    List<Server> servers = new ArrayList<>();
    for (String item : spec.split(",")) {
      int equals = item.indexOf('=');
      servers.add(new Server(item.substring(0, equals), Long.parseLong(item.substring(equals + 1))));
    }
    return servers;
  }

  private static long[] cpuTicks(List<Server> servers) throws IOException {
    long[] ticks = new long[servers.size()];
    for (int s = 0; s < ticks.length; s++) {
      ticks[s] = ProcessCpu.ticks(servers.get(s).pid());
    }
    return ticks;
  }

  /** {@code ; CPU per message: backend 3.1 us + gateway 7.2 us = 10.3 us}, or nothing. */
  private static String cpuPerMessage(List<Server> servers, long[] ticks, long messages) {
    if (servers.isEmpty()) {
      return "";
    }
    StringBuilder line = new StringBuilder("; CPU per message:");
    double total = 0;
    for (int s = 0; s < servers.size(); s++) {
      double micros = ticks[s] * 1e6 / ProcessCpu.CLOCK_TICKS / messages;
      total += micros;
      line.append(s == 0 ? " " : " + ").append(servers.get(s).name())
          .append(String.format(" %.2f us", micros));
    }
    return line.append(String.format(" = %.2f us", total)).toString();
  }

  private static long direct(DiagnosticsGrpc.DiagnosticsStub stub, int count) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Integer> done = new CompletableFuture<>();
    stub.ticks(TicksRequest.newBuilder().setCount(count).build(), new StreamObserver<Tick>() {
      private int seen;

      @Override
      public void onNext(Tick tick) {
        seen++;
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(seen);
      }
    });
    int seen = done.get(60, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    expect(count, seen, "direct");
    return elapsed;
  }

  /**
   * Reads one NDJSON stream over a plain socket (the JDK's HttpClient, not the gateway, would be
   * the bottleneck): counts lines ending a JSON object until the chunked body's last chunk.
   */
  private static long viaGateway(String host, int port, String path, int count)
      throws IOException {
    long start = System.nanoTime();
    int seen = 0;
    try (Socket socket = new Socket(host, port)) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
          + "\r\nAccept: application/x-ndjson\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64 << 10];
      int previous = 0;
      int read;
      while ((read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n' && previous == '}') {
            seen++;
          }
          previous = buffer[i];
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    expect(count, seen, "gateway");
    return elapsed;
  }

  /**
   * Reads one stream as WebSocket text frames over a plain socket (a client library could be the
   * bottleneck): counts text frames until the close frame, which must be 1000.
   */
  private static long viaWebSocket(String host, int port, String path, int count)
      throws IOException {
    long start = System.nanoTime();
    int seen = 0;
    try (Socket socket = new Socket(host, port)) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      skipResponseHead(in);
      while (true) {
        int opcode = in.readUnsignedByte() & 0x0f;
        long length = in.readUnsignedByte() & 0x7f; // server frames are not masked
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = in.readNBytes((int) length);
        if (opcode == 1) {
          seen++;
        } else if (opcode == 8) {
          int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 0;
          if (code != 1000) {
            throw new IllegalStateException("WebSocket closed with " + code);
          }
          break;
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    expect(count, seen, "WebSocket");
    return elapsed;
  }

  private static void skipResponseHead(DataInputStream in) throws IOException {
    int matched = 0; // of "\r\n\r\n"
    while (matched < 4) {
      int b = in.readUnsignedByte();
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private static void expect(int count, int seen, String path) {
    if (seen != count) {
      throw new IllegalStateException(path + " stream gave " + seen + " of " + count + " messages");
    }
  }
}
