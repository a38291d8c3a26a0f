package dev.gangway.gateway.http;

import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;

/**
 * Writes a {@link StreamOutbox}'s batches to a WebSocket: each batch is text frames the outbox
 * framed with {@link #textHeader}, sent as one pre-encoded frame channel
 * ({@link GatewayWebSocketChannel#sendFrames()}), so the batch costs one write and one flush
 * however many messages (frames) it holds. Reports when the batch is handed to the socket.
 *
 * <p>Not thread-safe: confined to the connection's IO thread (write listeners run there).
 */
final class WebSocketFrameWriter implements BatchSink {
  /** FIN and the text opcode (RFC 6455 section 5.2): a whole message in one frame. */
  private static final byte FIN_TEXT = (byte) 0x81;
  /** Payload lengths up to this fit in the header's first length byte. */
  private static final int SHORT_LENGTH = 125;
  /** The headers of the frames short enough for a one-byte length, by length; shared. */
  private static final byte[][] SHORT_HEADERS = new byte[SHORT_LENGTH + 1][];

  static {
    for (int length = 0; length <= SHORT_LENGTH; length++) {
      SHORT_HEADERS[length] = new byte[] {FIN_TEXT, (byte) length};
    }
  }

  private final GatewayWebSocketChannel channel;

  WebSocketFrameWriter(GatewayWebSocketChannel channel) {
    this.channel = channel;
  }

  /**
   * The header of an unmasked, unfragmented text frame of {@code length} payload bytes (RFC
   * 6455 section 5.2: 7-bit lengths, else 126 and 16 bits, else 127 and 64 bits). Lengths up to
   * {@value #SHORT_LENGTH} share one array each: never to be modified.
   */
  static byte[] textHeader(int length) {
    if (length <= SHORT_LENGTH) {
      return SHORT_HEADERS[length];
    }
    if (length <= 0xFFFF) {
      return new byte[] {FIN_TEXT, 126, (byte) (length >>> 8), (byte) length};
    }
    return new byte[] {FIN_TEXT, 127, 0, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16),
        (byte) (length >>> 8), (byte) length};
  }

  @Override
  public void write(ByteBuffer batch, BatchSink.Callback callback) {
    StreamSinkFrameChannel frames;
    try {
      frames = channel.sendFrames();
      if (!frames.send(new ImmediatePooledByteBuffer(batch))) {
        throw new IOException("a new WebSocket frame channel refused its payload");
      }
      frames.shutdownWrites(); // queued and written now, as far as the socket takes it
      if (frames.flush()) {
        callback.written();
        return;
      }
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    // The socket is full: Undertow writes the rest when it can; the listener hears the end.
    frames.getWriteSetter().set((ChannelListener<StreamSinkFrameChannel>) c -> {
      try {
        if (!c.flush()) {
          return;
        }
      } catch (IOException e) {
        c.getWriteSetter().set(null);
        callback.failed(e);
        return;
      }
      c.getWriteSetter().set(null);
      c.suspendWrites();
      callback.written();
    });
    frames.resumeWrites();
  }
}
