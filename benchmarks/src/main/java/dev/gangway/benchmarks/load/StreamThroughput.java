package dev.gangway.benchmarks.load;

import dev.gangway.samples.diagnostics.DiagnosticsGrpc;
import dev.gangway.samples.diagnostics.Tick;
import dev.gangway.samples.diagnostics.TicksRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server-streaming throughput, gateway against its baseline in one run: {@code rounds} streams of
 * {@code count} Diagnostics.Ticks messages read one after another, first straight from the gRPC
 * backend (async stub, callbacks on the transport thread), then through the gateway as NDJSON ({@code GET /v1/diagnostics/ticks}).
 * Prints messages per second for each and the ratio. Every message is read and counted; a short
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
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create(gateway + "/v1/diagnostics/ticks?count=" + count);
    for (int i = 0; i < 3; i++) { // warm-up, not reported
      direct(stub, count);
      viaGateway(http, uri, count);
    }
    long directNanos = 0;
    long gatewayNanos = 0;
    for (int i = 0; i < rounds; i++) { // interleaved so both see the same machine state
      directNanos += direct(stub, count);
      gatewayNanos += viaGateway(http, uri, count);
    }
    double directRate = rate(count, rounds, directNanos);
    double gatewayRate = rate(count, rounds, gatewayNanos);
    System.out.printf("direct gRPC stream:  %,.0f messages/s (%d streams of %d)%n",
        directRate, rounds, count);
    System.out.printf("gateway NDJSON:      %,.0f messages/s (%d streams of %d)%n",
        gatewayRate, rounds, count);
    System.out.printf("gateway / direct:    %.2fx%n", gatewayRate / directRate);
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

  private static long viaGateway(HttpClient http, URI uri, int count)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("gateway answered " + response.statusCode());
    }
    int seen = 0;
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("{\"error\"")) {
          throw new IllegalStateException("stream failed: " + line);
        }
        seen++;
      }
    }
    long elapsed = System.nanoTime() - start;
    expect(count, seen, "gateway");
    return elapsed;
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
