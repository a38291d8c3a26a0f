package dev.gangway.gateway.http;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import org.xnio.IoUtils;

/**
 * Undertow's receive listener for one gateway WebSocket, reduced to what the call cares about:
 * whole text messages (fragments joined, at most {@code maxTextBytes} bytes), binary frames
 * (unread), pongs, the client's close frame and receive failures. Pings are answered and close
 * frames echoed by Undertow.
 *
 * <p>A text message over the limit makes Undertow itself send close {@code 1009} ("UT002040:
 * Message exceeded max message size of N") and then report the failure here.
 *
 * <p>Not thread-safe: Undertow calls it on the connection's IO thread.
 */
final class WebSocketFrames extends AbstractReceiveListener {
  /** What the frames are handed to. */
  interface Handler {
    /** A whole text message ({@code ""} for an empty one). */
    void text(String message);

    /** A binary message arrived (its data is discarded). */
    void binary();

    /** The client sent a close frame (Undertow answers it). */
    void clientClosed(int code);

    /** Receiving failed: a protocol error, a message too big, the connection broke. */
    void receiveFailed(Throwable failure);

    /** The client answered a ping. */
    void pong();
  }

  private final Handler handler;
  private final long maxTextBytes;

  WebSocketFrames(Handler handler, long maxTextBytes) {
    this.handler = handler;
    this.maxTextBytes = maxTextBytes;
  }

  @Override
  protected long getMaxTextBufferSize() {
    return maxTextBytes;
  }

  @Override
  protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
    handler.text(message.getData());
  }

  @Override
  protected void onBinary(WebSocketChannel channel, StreamSourceFrameChannel frame) {
    IoUtils.safeClose(frame); // discards the payload without buffering it
    handler.binary();
  }

  @Override
  protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
    message.getData().free();
    handler.pong();
  }

  @Override
  protected void onCloseMessage(CloseMessage message, WebSocketChannel channel) {
    handler.clientClosed(message.getCode());
  }

  @Override
  protected void onError(WebSocketChannel channel, Throwable failure) {
    handler.receiveFailed(failure);
  }
}
