package dev.gangway.gateway.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.server.protocol.http2.Http2ServerConnection;
import java.io.IOException;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Notices a client closing its HTTP/1.1 connection (or resetting its HTTP/2 stream, see {@link
 * StreamResetWatcher}) while the gateway waits for the backend.
 *
 * <p>Undertow stops reading a connection while an exchange runs, so a client that goes away is
 * noticed only when the response is written, after the backend did all the work. Once the request
 * body is complete, this listens on the connection's socket: end of stream (or a reset) means the
 * client is gone; bytes mean the client pipelined its next request, which are handed back to
 * Undertow ({@code ungetRequestBytes}) and watching stops. Undertow puts its own listener back
 * when the exchange completes.
 *
 * <p>Not thread-safe: confined to the connection's IO thread.
 */
final class DisconnectWatcher implements ChannelListener<ConduitStreamSourceChannel> {
  private final HttpServerConnection connection;
  private final Runnable onDisconnect;

  private DisconnectWatcher(HttpServerConnection connection, Runnable onDisconnect) {
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
    source.setReadListener(new DisconnectWatcher(connection, onDisconnect));
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
      onDisconnect.run();
    } catch (IOException e) {
      channel.suspendReads();
      onDisconnect.run();
    } finally {
      if (!handedBack) {
        pooled.close();
      }
    }
  }
}
