package dev.gangway.gateway.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes one chunk at a time to an exchange's response channel without blocking: writes and
 * flushes what it can, waits for the channel to become writable for the rest, and reports when
 * the chunk has been handed to the socket. At most one chunk is pending, which is what bounds the
 * memory a stream holds.
 *
 * <p>Not thread-safe: confined to the exchange's IO thread (write listeners run there).
 */
final class StreamWriter {
  /** What the writer reports. */
  interface Callback {
    /** The chunk is written and flushed. */
    void written();

    /** Writing failed (the client went away); the writer is unusable. */
    void failed(IOException e);
  }

  private final StreamSinkChannel channel;
  private ByteBuffer pending;
  private Callback callback;

  StreamWriter(HttpServerExchange exchange) {
    this.channel = exchange.getResponseChannel();
    channel.getWriteSetter().set(c -> progress());
  }

  /** Writes {@code chunk}; {@code callback} hears when it is flushed. One chunk at a time. */
  void write(byte[] chunk, Callback callback) {
    if (pending != null) {
      throw new IllegalStateException("a chunk is still being written");
    }
    this.pending = ByteBuffer.wrap(chunk);
    this.callback = callback;
    progress();
  }

  private void progress() {
    if (pending == null) {
      channel.suspendWrites();
      return;
    }
    try {
      while (pending.hasRemaining()) {
        if (channel.write(pending) == 0) {
          channel.resumeWrites();
          return;
        }
      }
      if (!channel.flush()) {
        channel.resumeWrites();
        return;
      }
    } catch (IOException e) {
      Callback failed = callback;
      pending = null;
      callback = null;
      channel.suspendWrites();
      failed.failed(e);
      return;
    }
    channel.suspendWrites();
    Callback done = callback;
    pending = null;
    callback = null;
    done.written();
  }
}
