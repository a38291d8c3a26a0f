package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.transcoder.Transcoder;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Ends a gateway WebSocket: {@code 1000 "OK"} for a call that succeeded; for one that failed, the
 * text frame {@code {"error":<google.rpc.Status>}} and then close code {@code 4000 + gRPC code}
 * with the status message as reason (at most 123 UTF-8 bytes, the most a close frame carries);
 * protocol closes ({@code 1003}) as they are. Once its close frame is sent, the connection is
 * closed outright if the client has not completed the closing handshake within the grace period,
 * so a client that never answers does not hold it open.
 *
 * <p>Not thread-safe: confined to the connection's IO thread.
 */
final class WebSocketClose {
  /** RFC 6455 section 5.5: control frames carry at most 125 bytes, 2 of them the code. */
  static final int MAX_REASON_BYTES = 123;
  /** RFC 6455 section 7.4.1: data of a type the endpoint cannot accept (Undertow's WRONG_CODE). */
  static final int UNSUPPORTED_DATA = 1003;
  /** RFC 6455: the endpoint is going away (a server shutting down). */
  static final int GOING_AWAY = 1001;
  /** Close codes for gRPC statuses: this plus the code (4005 NOT_FOUND). */
  static final int STATUS_CODE_BASE = 4000;

  private final WebSocketChannel channel;
  private final Duration grace;
  private XnioExecutor.Key timer;

  WebSocketClose(WebSocketChannel channel, Duration grace) {
    this.channel = channel;
    this.grace = grace;
  }

  /** The call succeeded: {@code 1000 "OK"}. */
  void ok() {
    close(CloseMessage.NORMAL_CLOSURE, "OK");
  }

  /**
   * The call failed with {@code grpcCode}: the error frame holding {@code status} (rendered
   * {@code google.rpc.Status} JSON), then the close frame with {@code 4000 + grpcCode}.
   */
  void error(int grpcCode, String message, byte[] status) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(status.length + 10);
    frame.writeBytes("{\"error\":".getBytes(StandardCharsets.UTF_8));
    frame.writeBytes(status);
    frame.writeBytes("}".getBytes(StandardCharsets.UTF_8));
    WebSockets.sendText(ByteBuffer.wrap(frame.toByteArray()), channel, callback(
        () -> close(STATUS_CODE_BASE + grpcCode, message), failure -> IoUtils.safeClose(channel)));
  }

  /** A failure inside the gateway: INTERNAL (4013) "internal error". */
  void internalError(Transcoder transcoder) {
    com.google.rpc.Status internal = GatewayError.WEBSOCKET_INTERNAL.status();
    error(internal.getCode(), internal.getMessage(), transcoder.renderError(internal).body());
  }

  /** Sends a close frame with {@code code} and {@code reason} (truncated to fit). */
  void close(int code, String reason) {
    if (channel.isCloseFrameSent()) {
      awaitClient(); // Undertow closed first (message too big, protocol error)
      return;
    }
    WebSockets.sendClose(code, truncate(reason), channel,
        callback(this::awaitClient, failure -> IoUtils.safeClose(channel)));
  }

  /** Closes the connection if the client does not answer the close frame in time. */
  void awaitClient() {
    if (timer == null && channel.isOpen()) {
      try {
        timer = channel.getIoThread().executeAfter(
            () -> IoUtils.safeClose(channel), grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        IoUtils.safeClose(channel); // the server is stopping: no time to wait
      }
    }
  }

  /** The connection closed: the grace timer is no longer needed. */
  void closed() {
    if (timer != null) {
      timer.remove();
      timer = null;
    }
  }

  /** A send callback from two lambdas (Undertow calls it on the connection's IO thread). */
  static WebSocketCallback<Void> callback(Runnable sent, Consumer<Throwable> failed) {
    return new WebSocketCallback<>() {
      @Override
      public void complete(WebSocketChannel channel, Void context) {
        sent.run();
      }

      @Override
      public void onError(WebSocketChannel channel, Void context, Throwable failure) {
        failed.accept(failure);
      }
    };
  }

  /** {@code reason} cut to at most {@value #MAX_REASON_BYTES} UTF-8 bytes at a character edge. */
  static String truncate(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = MAX_REASON_BYTES;
    // Back up over continuation bytes (10xxxxxx) to the first byte of the cut character.
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
