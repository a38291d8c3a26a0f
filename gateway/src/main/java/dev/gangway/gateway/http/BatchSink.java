package dev.gangway.gateway.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a {@link StreamOutbox}'s batches go, one at a time: an HTTP response body
 * ({@link StreamWriter}) or a WebSocket's text frames ({@link WebSocketFrameWriter}). At most one
 * batch is pending, which with the outbox's bounded batches is what bounds the memory a stream
 * holds.
 *
 * <p>Implementations are confined to the stream's IO thread.
 */
interface BatchSink {
  /** What a sink reports about the batch it was given. */
  interface Callback {
    /** The batch is written and flushed. */
    void written();

    /** Writing failed (the client went away); the sink is unusable. */
    void failed(IOException e);
  }

  /**
   * Writes and flushes {@code batch}; {@code callback} hears once it is handed to the socket (it
   * may be before this returns), or that writing failed. One batch at a time; the buffer is the
   * sink's until then.
   */
  void write(ByteBuffer batch, Callback callback);
}
