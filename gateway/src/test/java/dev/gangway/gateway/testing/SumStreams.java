package dev.gangway.gateway.testing;

import dev.gangway.gateway.gwtest.v1.CountRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code Sum} client stream of {@link TestEchoService}: adds up the messages' {@code n} and
 * records, by the tag of the messages, how many arrived and which streams were cancelled, so tests
 * can observe messages reaching the backend before the HTTP body ends. It requests messages one
 * at a time (manual flow control), and a test can {@link #hold} a tag to make its streams stop
 * requesting until {@link #release}d.
 *
 * <p>Thread-safe.
 */
public final class SumStreams {
  /** Tags of streams cancelled (or failed by the client side) before they completed. */
  public final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
  /** Streams that completed normally, by message count (tests of empty streams). */
  public final BlockingQueue<Integer> completedCounts = new LinkedBlockingQueue<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
  /** Held tags, and the request(1) calls parked for them; guarded by this. */
  private final Set<String> held = new HashSet<>();
  private final Map<String, List<Runnable>> parked = new HashMap<>();

  /**
   * Streams whose messages carry {@code tag} stop requesting messages: after the next message
   * carrying it arrives, none is requested until {@link #release}.
   */
  public synchronized void hold(String tag) {
    held.add(tag);
  }

  /** Requests again for the streams of {@code tag}. */
  public void release(String tag) {
    List<Runnable> waiting;
    synchronized (this) {
      held.remove(tag);
      waiting = parked.remove(tag);
    }
    if (waiting != null) {
      waiting.forEach(Runnable::run);
    }
  }

  /** Whether a stream of {@code tag} has stopped requesting messages (see {@link #hold}). */
  public synchronized boolean parked(String tag) {
    return parked.containsKey(tag);
  }

  private void requestNext(String tag, ServerCallStreamObserver<?> call) {
    synchronized (this) {
      if (held.contains(tag)) {
        parked.computeIfAbsent(tag, t -> new ArrayList<>()).add(() -> call.request(1));
        return;
      }
    }
    call.request(1);
  }

  /**
   * Milliseconds left until the deadline of the stream tagged {@code tag} when its first message
   * arrived; -1 when it had none.
   */
  public long deadlineMs(String tag) {
    return deadlines.get(tag);
  }

  /** Messages received so far by streams whose messages carry {@code tag}. */
  public int received(String tag) {
    return counter(tag).get();
  }

  private AtomicInteger counter(String tag) {
    return received.computeIfAbsent(tag, t -> new AtomicInteger());
  }

  StreamObserver<CountRequest> sum(StreamObserver<EchoResponse> out) {
    ServerCallStreamObserver<EchoResponse> call = (ServerCallStreamObserver<EchoResponse>) out;
    call.disableAutoRequest();
    call.request(1);
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
        deadlines.putIfAbsent(tag, Deadlines.remainingMs());
        sum += request.getN();
        count++;
        counter(tag).incrementAndGet();
        if (request.getFailCode() != 0) {
          failed = true;
          out.onError(Status.fromCodeValue(request.getFailCode())
              .withDescription("failed at message " + count).asRuntimeException());
          return;
        }
        requestNext(tag, call);
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
