package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-lived streams open now (server streams over HTTP, WebSockets), so that a stopping
 * gateway can end them cleanly rather than cut their connections: a stream told the gateway is
 * going away cancels its backend call and ends the way its client understands (a terminal
 * {@code UNAVAILABLE} error object, close {@code 1001}). A server stream otherwise outlives any
 * reasonable shutdown grace, and a WebSocket is not even a request in flight once upgraded.
 *
 * <p>Thread-safe.
 */
public final class OpenStreams {
  /** What a stopping gateway tells its streams. */
  static final String GOING_AWAY = GatewayError.STOPPING.message();

  /** One open stream. */
  interface Stream {
    /** The thread its state is confined to. */
    Executor thread();

    /** Ends the stream because the gateway is stopping; runs on {@link #thread()}. */
    void goingAway();
  }

  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger webSockets = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();

  void opened(Stream stream) {
    if (open.add(stream) && stream instanceof WebSocketCall) {
      webSockets.incrementAndGet();
    }
  }

  void closed(Stream stream) {
    if (open.remove(stream) && stream instanceof WebSocketCall) {
      webSockets.decrementAndGet();
    }
  }

  /** How many streams are open. */
  public int size() {
    return open.size();
  }

  /** How many of the open streams are WebSockets (the rest are server streams over HTTP). */
  public int webSockets() {
    return webSockets.get();
  }

  /** A stream now holds {@code delta} more (or, negative, fewer) response bytes unwritten. */
  void holding(long delta) {
    pendingBytes.addAndGet(delta);
  }

  /**
   * Response bytes the open streams and WebSockets hold, rendered and not yet written to their
   * sockets ({@link StreamOutbox}): each holds at most its {@link StreamWindow}'s worth, however
   * slowly its client reads.
   */
  public long pendingBytes() {
    return pendingBytes.get();
  }

  /** Tells every open stream, on its own thread, that the gateway is going away. */
  public void endAll() {
    for (Stream stream : open) {
      try {
        stream.thread().execute(stream::goingAway);
      } catch (RejectedExecutionException e) {
        // Its IO thread is already stopping: the connection goes with it.
      }
    }
  }
}
