package dev.gangway.gateway.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.protocol.version13.WebSocket13Channel;
import io.undertow.websockets.extensions.ExtensionFunction;
import java.io.IOException;
import java.util.Set;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;

/**
 * Undertow's RFC 6455 WebSocket channel with one more kind of outgoing frame channel:
 * {@link #sendFrames()}, whose payload is complete text frames encoded by the gateway (each with
 * its own header, {@link WebSocketFrameWriter#textHeader}), so that a batch of messages, each
 * still its own frame, is written with one write and one flush. Undertow's own frame channels
 * write every message separately, and their per-frame work (a frame channel, a header buffer, a
 * place in the write queue, a flush) cost more than rendering the message.
 *
 * <p>The batch is an ordinary frame channel to Undertow: queued in order with every other frame
 * (pings, pongs and the close frame go before or after it, never inside), written as far as the
 * socket takes it, the rest when the socket is writable again.
 *
 * <p>Thread-safe as Undertow's channel is; the gateway sends its frames from the connection's IO
 * thread.
 */
final class GatewayWebSocketChannel extends WebSocket13Channel {
  /**
   * The thread inside {@link #sendFrames()} while it asks Undertow for a new frame channel: only
   * that thread's request gets a pre-encoded one (a frame sent from another thread meanwhile, a
   * close from a stopping server, stays Undertow's).
   */
  private volatile Thread preEncoding;

  GatewayWebSocketChannel(StreamConnection connection, ByteBufferPool buffers, String url,
      String subProtocol, boolean extensionsAllowed, ExtensionFunction extensions,
      Set<WebSocketChannel> peers, OptionMap options) {
    super(connection, buffers, url, subProtocol, false, extensionsAllowed, extensions, peers,
        options);
  }

  /**
   * A new frame channel for a payload of complete text frames (headers included): Undertow adds
   * no header of its own. Call on the IO thread; send the payload and shut writes down, as for
   * any frame channel.
   */
  StreamSinkFrameChannel sendFrames() throws IOException {
    preEncoding = Thread.currentThread();
    try {
      return send(WebSocketFrameType.TEXT); // queues it in order, as every frame
    } finally {
      preEncoding = null;
    }
  }

  @Override
  protected StreamSinkFrameChannel createStreamSinkChannel(WebSocketFrameType type) {
    return preEncoding == Thread.currentThread()
        ? new PreEncodedFrames(this)
        : super.createStreamSinkChannel(type);
  }

  /**
   * Frames the gateway encoded itself: no header and no masking (a server masks nothing, RFC
   * 6455 section 5.1) and no extension transforms (the gateway negotiates none).
   */
  private static final class PreEncodedFrames extends StreamSinkFrameChannel {
    PreEncodedFrames(WebSocketChannel channel) {
      super(channel, WebSocketFrameType.TEXT);
    }
  }
}
