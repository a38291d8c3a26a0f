package dev.gangway.gateway.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.server.protocol.http2.Http2ServerConnection;
import io.undertow.util.Protocols;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Notices a client closing its HTTP/1.1 connection (or resetting its HTTP/2 stream, see {@link
 * StreamResetWatcher}) while the gateway waits for the backend.
 *
 * <p>Undertow stops reading a connection while an exchange runs, so a client that goes away is
 * noticed only when the response is written, after the backend did all the work. Once the request
 * body is complete, this listens on the connection's socket: a reset means the client is gone;
 * bytes mean the client pipelined its next request, which are handed back to Undertow ({@code
 * ungetRequestBytes}) and watching stops. Undertow puts its own listener back when the exchange
 * completes.
 *
 * <p>End of stream is ambiguous: a client that closed its socket and one that only shut down its
 * output (half-close, which HTTP/1.1 allows: it still reads the response) both send FIN. An
 * HTTP/1.1 client is then sent {@code 102 Processing}, an interim response every HTTP/1.1 client
 * must accept before the final one (RFC 9110 section 15.2), and again {@link #PROBE_DELAY_MILLIS} ms later:
 * a closed socket answers the first with a reset, so the second write fails and the client is
 * gone; a half-closed one reads both and gets its response, on a connection that closes after
 * it. An HTTP/1.0 client may not be sent a 1xx: its FIN is taken as a half-close. Once a response
 * (a stream) has started, FIN means the client is gone, as before.
 *
 * <p>Not thread-safe: confined to the connection's IO thread.
 */
final class DisconnectWatcher implements ChannelListener<ConduitStreamSourceChannel> {
  /** How long after the first interim response the second one tells a reset from a half-close. */
  static final long PROBE_DELAY_MILLIS = 250;
  private static final byte[] PROCESSING =
      "HTTP/1.1 102 Processing\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final HttpServerExchange exchange;
  private final HttpServerConnection connection;
  private final Runnable onDisconnect;

  private DisconnectWatcher(
      HttpServerExchange exchange, HttpServerConnection connection, Runnable onDisconnect) {
    this.exchange = exchange;
    this.connection = connection;
    this.onDisconnect = onDisconnect;
  }

  /**
   * Starts watching; for HTTP/2, the stream's reset ({@link StreamResetWatcher}); a no-op where
   * this cannot work (HTTP/1.1 with the body not fully read or pipelined bytes already buffered).
   */
  static void watch(HttpServerExchange exchange, Runnable onDisconnect) {
    if (exchange.getConnection() instanceof Http2ServerConnection) {
      StreamResetWatcher.watch(exchange, onDisconnect);
      return;
    }
    if (!(exchange.getConnection() instanceof HttpServerConnection connection)
        || !exchange.isRequestComplete()
        || connection.getExtraBytes() != null) {
      return;
    }
    ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
    // The request's own conduits (fixed length, chunked) report end of body, not end of stream.
    source.setConduit(connection.getOriginalSourceConduit());
    source.setReadListener(new DisconnectWatcher(exchange, connection, onDisconnect));
    source.resumeReads();
  }

  @Override
  public void handleEvent(ConduitStreamSourceChannel channel) {
    PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
    boolean handedBack = false;
    try {
      int read = channel.read(pooled.getBuffer());
      if (read == 0) {
        return;
      }
      channel.suspendReads();
      if (read > 0) {
        pooled.getBuffer().flip();
        connection.ungetRequestBytes(pooled);
        handedBack = true;
        return;
      }
      endOfStream();
    } catch (IOException e) {
      channel.suspendReads();
      onDisconnect.run();
    } finally {
      if (!handedBack) {
        pooled.close();
      }
    }
  }

  /** FIN: half-closed or gone. The connection cannot carry another request either way. */
  private void endOfStream() {
    if (exchange.isResponseStarted()) {
      // A stream under way: no 1xx can follow its head, and a quiet stream may write nothing for
      // long, so FIN is taken as the client leaving (a client that half-closes does so at once,
      // before the backend's first message, and gets the stream).
      onDisconnect.run();
      return;
    }
    exchange.setPersistent(false);
    if (!exchange.getProtocol().equals(Protocols.HTTP_1_1)) {
      return;
    }
    if (!probe()) {
      return;
    }
    exchange.getIoThread().executeAfter(() -> {
      if (!exchange.isComplete() && !exchange.isResponseStarted()) {
        probe();
      }
    }, PROBE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Writes {@code 102 Processing} ahead of the response; false (and the client is gone) when the
   * write fails. An interim response that the socket takes only in part would corrupt the final
   * one, so that also ends the exchange (it cannot happen before the response starts: the socket's
   * send buffer is empty then).
   */
  private boolean probe() {
    StreamSinkConduit sink = connection.getOriginalSinkConduit();
    ByteBuffer bytes = ByteBuffer.wrap(PROCESSING);
    try {
      sink.write(bytes);
      if (bytes.hasRemaining() || !sink.flush()) {
        throw new IOException("interim response not taken whole");
      }
      return true;
    } catch (IOException e) {
      onDisconnect.run();
      return false;
    }
  }
}
