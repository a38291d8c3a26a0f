package dev.gangway.benchmarks.peer;

import dev.gangway.benchmarks.peer.proto.GetUserRequest;
import dev.gangway.benchmarks.peer.proto.Order;
import dev.gangway.benchmarks.peer.proto.OrdersGrpc;
import dev.gangway.benchmarks.peer.proto.UsersGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The direct-gRPC load generator: a closed loop of {@code concurrency} calls in flight over one
 * channel (callbacks on the transport thread, the cheapest client), the same messages the HTTP
 * clients send. Any failed call fails the step.
 *
 * <p>Not thread-safe; one step at a time. Close it to shut the channel down.
 */
final class GrpcLoad implements AutoCloseable {
  private static final int MAX_SAMPLES = 4_000_000;

  private final ManagedChannel channel;
  private final UsersGrpc.UsersStub users;
  private final OrdersGrpc.OrdersStub orders;
  private final Order order = Payloads.order();
  private final GetUserRequest getUser =
      GetUserRequest.newBuilder().setId(Payloads.USER_ID).build();
  private final long[] latencies = new long[MAX_SAMPLES];

  GrpcLoad(String target) {
    channel = NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
    users = UsersGrpc.newStub(channel);
    orders = OrdersGrpc.newStub(channel);
  }

  LoadResult run(Workload workload, int concurrency, int seconds)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      new Loop(workload, end, done, failure, finished).next();
    }
    if (!finished.await(seconds + 30L, TimeUnit.SECONDS)) {
      throw new IOException("direct gRPC calls did not finish");
    }
    if (failure.get() != null) {
      throw new IOException("a direct gRPC call failed", failure.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    int n = (int) Math.min(done.get(), MAX_SAMPLES);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    return new LoadResult(done.get(), elapsed, sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3);
  }

  @SuppressWarnings("unchecked")
  private static <T> StreamObserver<T> cast(StreamObserver<Object> observer) {
    return (StreamObserver<T>) (StreamObserver<?>) observer;
  }

  /** One of the {@code concurrency} call chains: the next call starts when one completes. */
  private final class Loop implements StreamObserver<Object> {
    private final Workload workload;
    private final long end;
    private final AtomicLong done;
    private final AtomicReference<Throwable> failure;
    private final CountDownLatch finished;
    private long sent;

    Loop(Workload workload, long end, AtomicLong done,
        AtomicReference<Throwable> failure, CountDownLatch finished) {
      this.workload = workload;
      this.end = end;
      this.done = done;
      this.failure = failure;
      this.finished = finished;
    }

    void next() {
      sent = System.nanoTime();
      if (workload == Workload.SMALL_GET) {
        users.getUser(getUser, cast(this));
      } else {
        orders.echoOrder(order, cast(this));
      }
    }

    @Override
    public void onNext(Object value) {}

    @Override
    public void onError(Throwable t) {
      failure.compareAndSet(null, t);
      finished.countDown();
    }

    @Override
    public void onCompleted() {
      long now = System.nanoTime();
      latencies[(int) (done.getAndIncrement() % MAX_SAMPLES)] = now - sent;
      if (now < end) {
        next();
      } else {
        finished.countDown();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
