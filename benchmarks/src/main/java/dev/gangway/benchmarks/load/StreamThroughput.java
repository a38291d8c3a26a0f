package dev.gangway.benchmarks.load;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server-streaming throughput, gateway against its baseline in one run: {@code rounds} streams of
 * {@code count} Diagnostics.Ticks messages read one after another, straight from the gRPC
 * backend (async stub, callbacks on the transport thread), then through the gateway as NDJSON
 * and as WebSocket text frames ({@code /v1/diagnostics/ticks}), the three interleaved. Prints
 * messages per second for each and the ratios. Every message is read and counted; a short
 * stream is an error, not a figure.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.load.StreamThroughput \
 *     http://127.0.0.1:8080 127.0.0.1:50055 10000 20</pre>
 */
public final class StreamThroughput {
  private StreamThroughput() {}

  public static void main(String[] args) throws Exception {
    String gateway = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    String target = args.length > 1 ? args[1] : "127.0.0.1:50055";
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    // Callbacks on the transport thread: the fastest a gRPC client reads a stream.
    ManagedChannel channel =
        NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
    DiagnosticsGrpc.DiagnosticsStub stub = DiagnosticsGrpc.newStub(channel);
    URI uri = URI.create(gateway);
    String path = "/v1/diagnostics/ticks?count=" + count;
    for (int i = 0; i < 3; i++) { // warm-up, not reported
      direct(stub, count);
      viaGateway(uri.getHost(), uri.getPort(), path, count);
      viaWebSocket(uri.getHost(), uri.getPort(), path, count);
    }
    long directNanos = 0;
    long gatewayNanos = 0;
    long webSocketNanos = 0;
    for (int i = 0; i < rounds; i++) { // interleaved so all see the same machine state
      directNanos += direct(stub, count);
      gatewayNanos += viaGateway(uri.getHost(), uri.getPort(), path, count);
      webSocketNanos += viaWebSocket(uri.getHost(), uri.getPort(), path, count);
    }
    double directRate = rate(count, rounds, directNanos);
    double gatewayRate = rate(count, rounds, gatewayNanos);
    double webSocketRate = rate(count, rounds, webSocketNanos);
    System.out.printf("direct gRPC stream:  %,.0f messages/s (%d streams of %d)%n",
        directRate, rounds, count);
    System.out.printf("gateway NDJSON:      %,.0f messages/s (%d streams of %d)%n",
        gatewayRate, rounds, count);
    System.out.printf("gateway WebSocket:   %,.0f messages/s (%d streams of %d)%n",
        webSocketRate, rounds, count);
    System.out.printf("NDJSON / direct:     %.2fx%n", gatewayRate / directRate);
    System.out.printf("WebSocket / direct:  %.2fx%n", webSocketRate / directRate);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
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

  private static double rate(int count, int rounds, long nanos) {
    return (double) count * rounds / (nanos / 1e9);
  }
}
