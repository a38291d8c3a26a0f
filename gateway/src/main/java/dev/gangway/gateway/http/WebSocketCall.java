package dev.gangway.gateway.http;

import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * One streaming backend call served over a WebSocket. The call starts when the connection opens;
 * text frames become request messages ({@link WebSocketRequests}), an empty one half-closes;
 * response messages become text frames rendered as HTTP responses are; the call's end becomes the
 * close frame ({@link WebSocketClose}). A client that closes or drops the connection cancels the
 * call.
 *
 * <p>Flow control both ways: at most a {@link StreamWindow} of response messages are requested
 * from the backend and not yet written to the socket (the {@link StreamOutbox} writes them in
 * batches, a frame each, and asks for more as batches are written), and frames are read from the
 * client only while the call is ready for more messages (reading resumes on {@code onReady}).
 *
 * <p>Confined to the connection's IO thread: the call's callbacks run there (its executor is the
 * IO thread), and so do Undertow's receive, send and close callbacks, so no state needs locking.
 */
final class WebSocketCall extends ClientCall.Listener<byte[]>
    implements WebSocketFrames.Handler, StreamOutbox.Demand, OpenStreams.Stream {
  private static final Logger log = LoggerFactory.getLogger(WebSocketCall.class);

  /** After a response message's frame: nothing (the frame header goes before it). */
  private static final byte[] NOTHING = new byte[0];

  private final GatewayWebSocketChannel channel;
  private final WebSocketStart start;
  private final Routed routed;
  private final WebSocketRequests requests;
  private final WebSocketClose closing;
  private final WebSocketKeepAlive keepAlive;
  private final OpenStreams streams;
  /** A server-streaming method: exactly one request message, then half-closed. */
  private final boolean oneRequest;
  private final CallDeadline deadline;
  private ClientCall<byte[], byte[]> call;
  private boolean halfClosed;
  private boolean paused;
  /** The response frames, batched, and the window of messages asked of the backend. */
  private final StreamOutbox outbox;
  /** The call is over (ended, failed or cancelled): later frames and callbacks are ignored. */
  private boolean finished;

  private WebSocketCall(
      GatewayWebSocketChannel channel, WebSocketStart start, OpenStreams streams) {
    this.channel = channel;
    this.streams = streams;
    this.start = start;
    this.routed = start.routed();
    this.requests = new WebSocketRequests(routed, start.rawQuery());
    ServerConfig server = routed.snapshot().config().server();
    this.closing = new WebSocketClose(channel, server.readTimeout());
    this.keepAlive = new WebSocketKeepAlive(channel,
        routed.snapshot().config().webSocket().pingInterval(), () -> !paused, this::peerSilent);
    this.oneRequest = !routed.route().clientStreaming();
    this.deadline = new CallDeadline(start.timeout());
    this.outbox = new StreamOutbox(channel.getIoThread(), this::guarded, this, streams::holding);
    outbox.open(new WebSocketFrameWriter(channel));
  }

  /** Starts the call for a just-upgraded connection and starts reading its frames. */
  static void start(
      WebSocketChannel channel, WebSocketStart start, OpenStreams streams) {
    // The gateway's handshake makes every channel it serves (GatewayWebSocketHandshake).
    WebSocketCall ws = new WebSocketCall((GatewayWebSocketChannel) channel, start, streams);
    if (channel.getIoThread() == Thread.currentThread()) {
      ws.open();
    } else {
      channel.getIoThread().execute(ws::open);
    }
  }

  private void open() {
    CallOptions options = deadline.options(this::onIoThread);
    if (start.record().isPresent()) {
      options = options.withOption(RequestRecord.CALL_OPTION, start.record().get());
    }
    call = start.backend().newCall(routed.bound().grpcMethod(), options);
    channel.getCloseSetter().set(c -> connectionClosed());
    if (!channel.isOpen()) {
      start.record().ifPresent(RequestRecord::end);
      return; // gone between the upgrade and now; nothing was started
    }
    long limit = routed.snapshot().config().server().maxRequestBodyBytes();
    channel.getReceiveSetter().set(new WebSocketFrames(this, limit));
    call.start(this, start.metadata());
    call.request(outbox.firstRequest());
    if (oneRequest && routed.route().binding().body().isEmpty()) {
      sendOnly(start.pathAndQuery()); // the rule takes no body: path and query are the request
    }
    channel.resumeReceives();
    keepAlive.start();
    streams.opened(this);
  }

  @Override
  public Executor thread() {
    return channel.getIoThread();
  }

  /** The gateway is stopping: cancel the call and close with 1001 (going away). */
  @Override
  public void goingAway() {
    guarded(() -> {
      if (!finished) {
        finished = true;
        call.cancel(OpenStreams.GOING_AWAY, null);
        end(() -> closing.close(WebSocketClose.GOING_AWAY, OpenStreams.GOING_AWAY));
      }
    });
  }

  /**
   * The call's executor: the connection's IO thread. A socket can outlive the server's IO threads
   * while the server stops (closing it cancels the call, whose close is then delivered); with
   * nobody left to serve, that last callback is dropped rather than failing inside gRPC.
   */
  private void onIoThread(Runnable task) {
    try {
      channel.getIoThread().execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("{}: server stopping, call callback dropped", routed.route().grpcMethodName());
    }
  }

  @Override
  public void text(String frame) {
    keepAlive.heard();
    guarded(() -> take(frame));
  }

  @Override
  public void pong() {
    keepAlive.heard();
  }

  /** No pong or frame for two ping intervals while reading: the peer is gone. */
  private void peerSilent() {
    log.debug("{}: the WebSocket client stopped answering pings; closing",
        routed.route().grpcMethodName());
    IoUtils.safeClose(channel); // connectionClosed() cancels the call
  }

  private void take(String frame) {
    if (finished) {
      return;
    }
    if (frame.isEmpty()) {
      endOfMessages();
      return;
    }
    if (halfClosed) {
      fail(TranscodingException.invalidArgument(oneRequest
          ? "a server-streaming method takes one request message"
          : "message " + (requests.count() + 1)
              + ": sent after the empty frame that ended the client's messages"));
      return;
    }
    byte[] message;
    try {
      message = requests.bind(frame.getBytes(StandardCharsets.UTF_8));
    } catch (TranscodingException e) {
      fail(e);
      return;
    }
    if (oneRequest) {
      sendOnly(message);
      return;
    }
    call.sendMessage(message);
    if (!call.isReady()) {
      // The backend has not taken what was sent: stop reading frames until it has (onReady).
      paused = true;
      channel.suspendReceives();
    }
  }

  /** The empty frame: the client sends no more messages. */
  private void endOfMessages() {
    if (halfClosed) {
      return;
    }
    if (oneRequest) {
      // Before its one message: as an HTTP request with an empty body would be.
      sendOnly(start.pathAndQuery());
      return;
    }
    halfClosed = true;
    call.halfClose();
  }

  private void sendOnly(byte[] message) {
    call.sendMessage(message);
    halfClosed = true;
    call.halfClose();
  }

  @Override
  public void binary() {
    guarded(() -> {
      if (!finished) {
        finished = true;
        call.cancel("the WebSocket client sent a binary frame", null);
        end(() -> closing.close(WebSocketClose.UNSUPPORTED_DATA,
            "binary frames are not supported; send JSON text frames"));
      }
    });
  }

  @Override
  public void clientClosed(int code) {
    outbox.forgetDrain(); // Undertow answers the close frame; nothing more can be sent
    if (!finished) {
      finished = true;
      noteEnd(Status.Code.CANCELLED.value());
      call.cancel("the WebSocket client closed the connection (close code " + code + ")", null);
    }
  }

  @Override
  public void receiveFailed(Throwable failure) {
    log.debug("{}: WebSocket receive failed: {}", routed.route().grpcMethodName(),
        failure.toString());
    outbox.forgetDrain();
    if (!finished) {
      finished = true;
      noteEnd(Status.Code.CANCELLED.value());
      call.cancel("receiving from the WebSocket failed", null);
    }
    if (channel.isCloseFrameSent()) {
      closing.awaitClient(); // Undertow sent its own close (1009 message too big, 1002, 1007)
    } else {
      IoUtils.safeClose(channel);
    }
  }

  private void connectionClosed() {
    streams.closed(this);
    keepAlive.stop();
    closing.closed();
    outbox.release();
    if (!finished) {
      finished = true;
      noteEnd(Status.Code.CANCELLED.value());
      call.cancel("the WebSocket connection closed", null);
    }
    start.record().ifPresent(RequestRecord::end);
  }

  /** A frame the gateway refuses: cancel the call and end with the error. */
  private void fail(TranscodingException error) {
    finished = true;
    call.cancel("the WebSocket client sent an invalid message", null);
    byte[] status = routed.snapshot().transcoder().renderError(error).body();
    noteEnd(error.code().getNumber());
    end(() -> closing.error(error.code().getNumber(), error.getMessage(), status));
  }

  @Override
  public void onMessage(byte[] message) {
    guarded(() -> {
      if (finished) {
        return;
      }
      Transcoder transcoder = routed.snapshot().transcoder();
      byte[] json;
      try {
        json = transcoder.render(routed.route(), message).body();
      } catch (TranscodingException e) {
        fail(e); // cancels the call
        return;
      }
      outbox.add(WebSocketFrameWriter.textHeader(json.length), json, NOTHING);
    });
  }

  @Override
  public void request(int messages) {
    if (!finished) {
      call.request(messages); // the client took what was written: ask for more
    }
  }

  @Override
  public void writeFailed(IOException failure) {
    log.debug("{}: writing to the WebSocket failed: {}", routed.route().grpcMethodName(),
        failure.toString());
    if (!finished) {
      finished = true;
      noteEnd(Status.Code.CANCELLED.value());
      call.cancel("writing to the WebSocket failed", null);
    }
    IoUtils.safeClose(channel);
  }

  @Override
  public void onReady() {
    if (paused && !finished) {
      paused = false;
      channel.resumeReceives();
    }
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    if (finished) {
      return; // the client went away or the gateway ended the call; the socket is handled
    }
    finished = true;
    guarded(() -> end(() -> closeWith(status, trailers)));
  }

  private void closeWith(Status status, Metadata trailers) {
    if (status.isOk()) {
      noteEnd(Status.Code.OK.value());
      closing.ok();
      return;
    }
    com.google.rpc.Status rpc = BackendStatus.ofFailedCall(status, trailers, routed, deadline);
    noteEnd(rpc.getCode());
    closing.error(rpc.getCode(), rpc.getMessage(),
        routed.snapshot().transcoder().renderError(rpc).body());
  }

  /** Notes the code the socket ends with, for its record. */
  private void noteEnd(int code) {
    start.record().ifPresent(r -> r.noteEnd(code));
  }

  /** Runs {@code ending} now, or once the frames queued and being written are out. */
  private void end(Runnable ending) {
    outbox.whenDrained(ending);
  }

  /** Runs {@code step}; a failure in gateway code ends the socket with INTERNAL (4013). */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      log.error("{}: unexpected failure on a WebSocket", routed.route().grpcMethodName(), e);
      if (!finished) {
        finished = true;
        call.cancel("unexpected failure in the gateway", null);
      }
      end(() -> closing.internalError(routed.snapshot().transcoder()));
    }
  }
}
