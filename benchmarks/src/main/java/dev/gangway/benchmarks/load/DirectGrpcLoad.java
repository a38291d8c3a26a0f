package dev.gangway.benchmarks.load;

import dev.gangway.samples.diagnostics.DiagnosticsGrpc;
import dev.gangway.samples.diagnostics.WhoAmIRequest;
import dev.gangway.samples.diagnostics.WhoAmIResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The direct-gRPC baseline for load runs: a closed loop of {@code concurrency} outstanding
 * Diagnostics.WhoAmI calls for {@code seconds}, over one channel, as the gateway makes them.
 * Prints requests per second and latency percentiles, like wrk.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gangway.benchmarks.load.DirectGrpcLoad \
 *     127.0.0.1:50055 32 10</pre>
 */
public final class DirectGrpcLoad {
  private static final int MAX_SAMPLES = 5_000_000;

  private DirectGrpcLoad() {}

  public static void main(String[] args) throws InterruptedException {
    String target = args.length > 0 ? args[0] : "127.0.0.1:50055";
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
    DiagnosticsGrpc.DiagnosticsStub stub = DiagnosticsGrpc.newStub(channel);
    run(stub, concurrency, 2, new long[1024], new long[1]); // warm-up, not reported
    long[] latencies = new long[MAX_SAMPLES];
    long[] count = new long[1];
    long elapsed = run(stub, concurrency, seconds, latencies, count);
    int n = (int) Math.min(count[0], MAX_SAMPLES);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    System.out.printf("direct gRPC %s: %d calls in %.1f s = %.0f calls/s; latency p50 %.2f ms,"
            + " p99 %.2f ms%n", target, count[0], elapsed / 1e9, count[0] / (elapsed / 1e9),
        sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Returns the elapsed nanoseconds; fills latencies (ring) and count. */
  private static long run(DiagnosticsGrpc.DiagnosticsStub stub, int concurrency, int seconds,
      long[] latencies, long[] count) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong done = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      call(stub, end, latencies, done, finished);
    }
    finished.await();
    count[0] = done.get();
    return System.nanoTime() - start;
  }

  private static void call(DiagnosticsGrpc.DiagnosticsStub stub, long end, long[] latencies,
      AtomicLong done, CountDownLatch finished) {
    long sent = System.nanoTime();
    stub.whoAmI(WhoAmIRequest.getDefaultInstance(), new StreamObserver<WhoAmIResponse>() {
      @Override
      public void onNext(WhoAmIResponse value) {}

      @Override
      public void onError(Throwable t) {
        finished.countDown();
      }

      @Override
      public void onCompleted() {
        long now = System.nanoTime();
        long i = done.getAndIncrement();
        latencies[(int) (i % latencies.length)] = now - sent;
        if (now < end) {
          call(stub, end, latencies, done, finished);
        } else {
          finished.countDown();
        }
      }
    });
  }
}
