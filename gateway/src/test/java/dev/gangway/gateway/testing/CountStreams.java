package dev.gangway.gateway.testing;

import com.google.api.HttpBody;
import com.google.protobuf.ByteString;
import dev.gangway.gateway.gwtest.v1.CountRequest;
import dev.gangway.gateway.gwtest.v1.DownloadChunk;
import dev.gangway.gateway.gwtest.v1.DownloadRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The {@code Count} and {@code Download} server streams of {@link TestEchoService}: send only
 * while the call is ready (as a flow-control-aware server does) and record, by tag, what
 * happened, so tests can observe pauses, back-pressure and cancellation without sleeping.
 *
 * <p>Thread-safe.
 */
public final class CountStreams {
  /** Tags of streams that started. */
  public final BlockingQueue<String> started = new LinkedBlockingQueue<>();
  /** Tags of streams cancelled before they ended. */
  public final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
  /** Streams whose last send attempt found the call not ready (waiting for onReady). */
  private final Map<String, Boolean> blocked = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
  private final String server;

  CountStreams(String server) {
    this.server = server;
  }

  /** Messages sent so far by the stream tagged {@code tag}. */
  public int sent(String tag) {
    return sent.computeIfAbsent(tag, t -> new AtomicInteger()).get();
  }

  /**
   * Whether the stream tagged {@code tag} is waiting for the call to become ready again with
   * messages left to send (back-pressure from the client side).
   */
  public boolean blocked(String tag) {
    return blocked.getOrDefault(tag, false);
  }

  /**
   * Milliseconds left until the deadline of the stream tagged {@code tag} when it started; -1
   * when it had none.
   */
  public long deadlineMs(String tag) {
    return deadlines.get(tag);
  }

  /** Lets the stream tagged {@code tag} send the messages after its first. */
  public void release(String tag) {
    gate(tag).countDown();
  }

  private CountDownLatch gate(String tag) {
    return gates.computeIfAbsent(tag, t -> new CountDownLatch(1));
  }

  void count(CountRequest request, StreamObserver<EchoResponse> out) {
    String padding = ".".repeat(request.getPad());
    new Pump<>(request, (ServerCallStreamObserver<EchoResponse>) out,
        i -> EchoResponse.newBuilder().setText(i + padding).setServer(server).build()).start();
  }

  /** {@code Download}: chunks of {@code size} bytes, byte j of chunk i being (i + j) % 256. */
  void download(DownloadRequest request, StreamObserver<HttpBody> out) {
    new Pump<>(asCount(request), (ServerCallStreamObserver<HttpBody>) out,
        i -> chunk(request, i)).start();
  }

  /** {@code DownloadChunks}: as {@link #download}, each chunk wrapped with its index. */
  void downloadChunks(DownloadRequest request, StreamObserver<DownloadChunk> out) {
    new Pump<>(asCount(request), (ServerCallStreamObserver<DownloadChunk>) out,
        i -> DownloadChunk.newBuilder().setIndex(i).setBody(chunk(request, i)).build()).start();
  }

  private static CountRequest asCount(DownloadRequest request) {
    return CountRequest.newBuilder().setN(request.getChunks()).setFailCode(request.getFailCode())
        .setFailAfter(request.getFailAfter()).setTag(request.getTag())
        .setPause(request.getPause()).build();
  }

  /** The bytes chunk {@code index} of a download carries. */
  public static byte[] chunkData(int index, int size) {
    byte[] data = new byte[size];
    for (int j = 0; j < size; j++) {
      data[j] = (byte) (index + j);
    }
    return data;
  }

  private static HttpBody chunk(DownloadRequest request, int index) {
    return HttpBody.newBuilder().setContentType(request.getContentType())
        .setData(ByteString.copyFrom(chunkData(index, request.getSize()))).build();
  }

  /** One stream's sender; its methods are synchronized because onReady and release race. */
  private final class Pump<T> {
    private final CountRequest request;
    private final ServerCallStreamObserver<T> out;
    private final IntFunction<T> message;
    private final String tag;
    private final AtomicInteger counter;
    private int next;
    private boolean waiting;
    private boolean done;

    Pump(CountRequest request, ServerCallStreamObserver<T> out, IntFunction<T> message) {
      this.request = request;
      this.out = out;
      this.message = message;
      this.tag = request.getTag();
      this.counter = sent.computeIfAbsent(tag, t -> new AtomicInteger());
    }

    void start() {
      deadlines.put(tag, Deadlines.remainingMs());
      out.setOnCancelHandler(this::cancelled);
      out.setOnReadyHandler(this::pump);
      started.add(tag);
    }

    private synchronized void cancelled() {
      if (!done) {
        done = true;
        cancelled.add(tag);
      }
      gate(tag).countDown(); // frees a waiting gate thread
    }

    private synchronized void pump() {
      while (!done && !waiting) {
        if (request.getFailCode() != 0 && next == request.getFailAfter()) {
          done = true;
          out.onError(Status.fromCodeValue(request.getFailCode())
              .withDescription("failed after " + next + " messages").asRuntimeException());
          return;
        }
        if (next == request.getN()) {
          done = true;
          out.onCompleted();
          return;
        }
        if (!out.isReady()) {
          blocked.put(tag, true);
          return;
        }
        blocked.put(tag, false);
        // Counted before it is handed over: the client may read the message before onNext
        // returns, and a test that then asks how many were sent must not see one fewer.
        counter.incrementAndGet();
        out.onNext(message.apply(next));
        next++;
        if (next == 1 && request.getPause()) {
          waiting = true;
          CountDownLatch gate = gate(tag);
          Thread thread = new Thread(() -> {
            awaitQuietly(gate);
            resume();
          }, "gwtest-count-gate");
          thread.setDaemon(true);
          thread.start();
        }
      }
    }

    private synchronized void resume() {
      waiting = false;
      pump();
    }
  }

  private static void awaitQuietly(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
