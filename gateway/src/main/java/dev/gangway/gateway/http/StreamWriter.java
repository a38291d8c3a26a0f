package dev.gangway.gateway.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Protocols;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes one batch of bytes at a time to an exchange's response channel without blocking: writes
 * and flushes what it can, waits for the channel to become writable for the rest, and
 * reports when the batch has been handed to the socket.
 *
 * <p>Not thread-safe: confined to the exchange's IO thread (write listeners run there).
 */
final class StreamWriter implements BatchSink {
  private final StreamSinkChannel channel;
  private ByteBuffer pending;
  private Callback callback;

  /**
   * Takes the exchange's response channel. On HTTP/1.1 the stream is always chunked, also when the
   * connection closes after it ({@code Connection: close}), where Undertow would otherwise send a
   * close-delimited body: only the terminating zero-size chunk tells a client that the stream is
   * complete rather than cut (RFC 9112 section 6.3). HTTP/1.0 has no chunks: its streams end with
   * the connection ({@code Connection: close}, no {@code Transfer-Encoding}); HTTP/2 frames them.
   */
  StreamWriter(HttpServerExchange exchange) {
    if (exchange.getProtocol().equals(Protocols.HTTP_1_1)
        && !exchange.getResponseHeaders().contains(Headers.CONTENT_LENGTH)) {
      exchange.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    }
    this.channel = exchange.getResponseChannel();
    channel.getWriteSetter().set(c -> progress());
  }

  @Override
  public void write(ByteBuffer batch, Callback callback) {
    if (pending != null) {
      throw new IllegalStateException("a batch is still being written");
    }
    this.pending = batch;
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
