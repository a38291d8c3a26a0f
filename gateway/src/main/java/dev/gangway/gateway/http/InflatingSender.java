package dev.gangway.gateway.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Sends a compressed published file to a client that does not accept gzip: inflates 64 KiB at a
 * time into one buffer and writes it, waiting for the channel to become writable when the socket
 * is full. Inflating reads memory only, so nothing here blocks; the response holds one buffer, not
 * the inflated file (104 MB for the googleapis corpus's document).
 *
 * <p>Not thread-safe: confined to the exchange's IO thread (write listeners run there).
 */
final class InflatingSender implements ChannelListener<StreamSinkChannel> {
  private static final int CHUNK = 64 * 1024;

  private final HttpServerExchange exchange;
  private final InputStream content;
  private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK).flip();
  private StreamSinkChannel channel;

  private InflatingSender(HttpServerExchange exchange, InputStream content) {
    this.exchange = exchange;
    this.content = content;
  }

  /** Sends {@code content} (its length is already in {@code Content-Length}) and ends. */
  static void send(HttpServerExchange exchange, InputStream content) {
    InflatingSender sender = new InflatingSender(exchange, content);
    sender.channel = exchange.getResponseChannel();
    sender.channel.getWriteSetter().set(sender);
    sender.handleEvent(sender.channel);
  }

  /** Writes until the content is sent or the socket is full; a loop, so no stack grows. */
  @Override
  public void handleEvent(StreamSinkChannel ignored) {
    try {
      while (true) {
        if (!buffer.hasRemaining() && !refill()) {
          channel.suspendWrites();
          exchange.endExchange();
          return;
        }
        if (channel.write(buffer) == 0) {
          channel.resumeWrites();
          return;
        }
      }
    } catch (IOException e) {
      // The client went away: there is no one to answer.
      channel.suspendWrites();
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  private boolean refill() throws IOException {
    int read = content.readNBytes(buffer.array(), 0, CHUNK);
    buffer.clear().limit(read);
    return read > 0;
  }
}
