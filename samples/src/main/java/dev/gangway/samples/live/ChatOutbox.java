package dev.gangway.samples.live;

import com.google.rpc.Code;
import dev.gangway.samples.support.Errors;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The events on their way to one chat participant, sent only while the call is ready (grpc-java's
 * manual flow control) and resumed from its onReady callback. A participant that falls more than
 * {@value #MAX_QUEUED} events behind is dropped with RESOURCE_EXHAUSTED rather than making the
 * server hold an ever longer backlog.
 *
 * <p>Thread-safe: rooms deliver from the threads of other calls, gRPC calls onReady from its own;
 * all of them meet under this object's lock, so the stream observer (which is not thread-safe) is
 * used by one thread at a time. The lock is never held while taking another one.
 */
final class ChatOutbox {
  static final int MAX_QUEUED = 1000;

  private final ServerCallStreamObserver<ChatEvent> call;
  // Guarded by this.
  private final Queue<ChatEvent> queue = new ArrayDeque<>();
  private boolean completing;
  private boolean closed;

  ChatOutbox(ServerCallStreamObserver<ChatEvent> call) {
    this.call = call;
  }

  /**
   * Queues an event and sends what the call can take now.
   *
   * @return false when the participant is too far behind and has just been dropped
   */
  synchronized boolean offer(ChatEvent event) {
    if (closed || completing) {
      return true;
    }
    if (queue.size() >= MAX_QUEUED) {
      fail(Errors.build(Code.RESOURCE_EXHAUSTED, "more than " + MAX_QUEUED
          + " chat events waiting for this client; it reads too slowly"));
      return false;
    }
    queue.add(event);
    drain();
    return true;
  }

  /** Sends queued events while the call is ready; the onReady callback. */
  synchronized void drain() {
    while (!closed && !queue.isEmpty() && call.isReady()) {
      call.onNext(queue.poll());
    }
    if (completing && !closed && queue.isEmpty()) {
      closed = true;
      call.onCompleted();
    }
  }

  /** Ends the call successfully once the queued events are sent. */
  synchronized void complete() {
    completing = true;
    drain();
  }

  /** Ends the call now with an error; queued events are dropped. */
  synchronized void fail(StatusRuntimeException error) {
    if (!closed) {
      closed = true;
      queue.clear();
      call.onError(error);
    }
  }

  /** The call was cancelled: nothing more can be sent. */
  synchronized void cancelled() {
    closed = true;
    queue.clear();
  }
}
