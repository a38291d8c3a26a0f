package dev.gangway.gateway.testing;

import dev.gangway.gateway.gwtest.v1.CountRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code Sum} client stream of {@link TestEchoService}: adds up the messages' {@code n} and
 * records, by the tag of the messages, how many arrived and which streams were cancelled, so tests
 * can observe messages reaching the backend before the HTTP body ends.
 *
 * <p>Thread-safe.
 */
public final class SumStreams {
  /** Tags of streams cancelled (or failed by the client side) before they completed. */
  public final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
  /** Streams that completed normally, by message count (tests of empty streams). */
  public final BlockingQueue<Integer> completedCounts = new LinkedBlockingQueue<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

  /** Messages received so far by streams whose messages carry {@code tag}. */
  public int received(String tag) {
    return counter(tag).get();
  }

  private AtomicInteger counter(String tag) {
    return received.computeIfAbsent(tag, t -> new AtomicInteger());
  }

  StreamObserver<CountRequest> sum(StreamObserver<EchoResponse> out) {
    return new StreamObserver<>() {
      private long sum;
      private int count;
      private String tag = "";
      private boolean failed;

      @Override
      public void onNext(CountRequest request) {
        if (failed) {
          return;
        }
        tag = request.getTag();
        sum += request.getN();
        count++;
        counter(tag).incrementAndGet();
        if (request.getFailCode() != 0) {
          failed = true;
          out.onError(Status.fromCodeValue(request.getFailCode())
              .withDescription("failed at message " + count).asRuntimeException());
        }
      }

      @Override
      public void onError(Throwable t) {
        cancelled.add(tag);
      }

      @Override
      public void onCompleted() {
        if (failed) {
          return;
        }
        completedCounts.add(count);
        out.onNext(EchoResponse.newBuilder().setText("sum " + sum + " count " + count).build());
        out.onCompleted();
      }
    };
  }
}
