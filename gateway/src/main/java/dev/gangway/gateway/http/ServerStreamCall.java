package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.gateway.headers.HeaderMapping;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.render.RenderedError;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * One server-streaming backend call and the exchange it streams to: each message is rendered,
 * framed ({@link StreamFraming}) and written as it arrives; {@code google.api.HttpBody} messages
 * are written as raw bytes. Manual flow control with a window of {@value #WINDOW} messages: the
 * backend is asked for that many, the messages delivered together (or while a write is in
 * progress) are written together (one flush), and flushed messages are asked for again in groups
 * of {@value #REQUEST_BATCH}. A stream
 * therefore holds at most {@value #WINDOW} rendered messages plus gRPC's own transport window. An error before the first message is a normal error response;
 * after it, a terminal error object ends the stream, or, for raw bytes, which have no place for
 * one, the connection is closed without ending the body (the client sees it cut short) and the
 * error is logged. Cancels the call when the client goes away.
 *
 * <p>Confined to the exchange's IO thread: the call's callbacks run there (its executor is the IO
 * thread), and so do Undertow's write, read and completion listeners, so no state needs locking.
 */
final class ServerStreamCall extends ClientCall.Listener<byte[]>
    implements StreamWriter.Callback, OpenStreams.Stream {
  private static final Logger log = LoggerFactory.getLogger(ServerStreamCall.class);
  private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");
  /**
   * Messages requested from the backend but not yet flushed to the client. One at a time costs a
   * thread hop and a flush per message; a small window lets bursts share them, and stays small
   * enough that a client reading slowly holds back the backend almost at once.
   */
  static final int WINDOW = 16;
  /**
   * Flushed messages are asked for again in groups of this many: each request wakes gRPC's
   * transport thread, which per message would cost as much as the write itself.
   */
  static final int REQUEST_BATCH = WINDOW / 2;

  private final HttpServerExchange exchange;
  private final Routed routed;
  private final StreamFraming framing;
  private final CallDeadline deadline;
  private ClientCall<byte[], byte[]> call;
  private Metadata headers;
  private StreamWriter writer;
  private boolean writing;
  /** Rendered, framed messages that arrived while a write was in progress. */
  private final List<byte[]> queued = new ArrayList<>();
  /** How many messages the write in progress carries. */
  private int writingMessages;
  /** Messages flushed to the client and not yet asked for again. */
  private int credit;
  /** A write of what is queued will run once the current IO task ends. */
  private boolean flushScheduled;
  /** The end of the stream (its close, or a rendering failure) waiting for writes to drain. */
  private Runnable afterDrain;
  private boolean finished;

  private ServerStreamCall(
      HttpServerExchange exchange, Routed routed, StreamFraming framing, Duration timeout) {
    this.exchange = exchange;
    this.routed = routed;
    this.framing = framing;
    this.deadline = new CallDeadline(timeout);
  }

  /** Starts the call on {@code channel}; the exchange is streamed to from its callbacks. */
  static void start(
      HttpServerExchange exchange,
      Routed routed,
      Channel channel,
      Metadata metadata,
      byte[] message,
      Duration timeout,
      OpenStreams streams) {
    StreamFraming framing = routed.route().response().rawBytes()
        ? StreamFraming.RAW
        : StreamFraming.choose(exchange.getRequestHeaders().getFirst(Headers.ACCEPT),
            routed.snapshot().config().server().streamFormat());
    ServerStreamCall listener = new ServerStreamCall(exchange, routed, framing, timeout);
    ClientCall<byte[], byte[]> call = channel.newCall(
        routed.bound().grpcMethod(),
        RequestRecord.withRecord(listener.deadline.options(exchange.getIoThread()), exchange));
    listener.call = call;
    exchange.addExchangeCompleteListener(listener::exchangeCompleted);
    streams.opened(listener);
    exchange.addExchangeCompleteListener((done, next) -> {
      streams.closed(listener);
      next.proceed();
    });
    call.start(listener, metadata);
    call.request(WINDOW);
    call.sendMessage(message);
    call.halfClose();
    DisconnectWatcher.watch(exchange, listener::clientGone);
  }

  @Override
  public Executor thread() {
    return exchange.getIoThread();
  }

  /**
   * The gateway is stopping: cancel the call and end the stream with {@code UNAVAILABLE} (a
   * terminal error object, or a 503 before the first message), which tells clients to retry.
   */
  @Override
  public void goingAway() {
    Responses.guarded(exchange, () -> {
      if (finished) {
        return;
      }
      call.cancel(OpenStreams.GOING_AWAY, null);
      Transcoder transcoder = routed.snapshot().transcoder();
      RenderedError error = transcoder.renderError(GatewayError.STOPPING.status());
      finished = true; // the cancelled call's close is not for the client
      whenDrained(() -> finish(error));
    });
  }

  @Override
  public void onHeaders(Metadata headers) {
    this.headers = headers;
  }

  @Override
  public void onMessage(byte[] message) {
    if (finished) {
      return;
    }
    Responses.guarded(exchange, () -> writeMessage(message));
  }

  private void writeMessage(byte[] message) {
    RenderedBody rendered;
    try {
      rendered = routed.snapshot().transcoder().render(routed.route(), message);
    } catch (TranscodingException e) {
      call.cancel("the gateway could not render a message", e);
      RenderedError error = routed.snapshot().transcoder().renderError(e);
      finished = true; // later messages and the cancelled call's close are not for the client
      whenDrained(() -> finish(error));
      return;
    }
    boolean first = writer == null;
    if (first) {
      startResponse(framing.contentType(rendered));
    }
    queued.add(framing.message(rendered.body(), first));
    scheduleFlush();
  }

  /**
   * Writes what is queued after the current IO task, so that the messages gRPC delivers in one go
   * share one write and one flush. The task runs on this IO thread, so no wake-up is needed.
   */
  private void scheduleFlush() {
    if (writing || flushScheduled) {
      return; // written() writes the queue when the write in progress completes
    }
    flushScheduled = true;
    exchange.getIoThread().execute(() -> Responses.guarded(exchange, this::flushQueued));
  }

  private void flushQueued() {
    flushScheduled = false;
    if (!writing && !queued.isEmpty()) {
      writeQueued();
    }
  }

  private void writeQueued() {
    List<byte[]> batch = List.copyOf(queued);
    queued.clear();
    writingMessages = batch.size();
    writing = true;
    writer.write(batch, this);
  }

  /** Runs {@code end} now, or once the write in progress (and what queued behind it) is flushed. */
  private void whenDrained(Runnable end) {
    if (writing || !queued.isEmpty()) {
      afterDrain = end;
    } else {
      end.run();
    }
  }

  private void startResponse(String contentType) {
    exchange.setStatusCode(200);
    if (headers != null) {
      HeaderMapping.addResponseHeaders(headers, exchange.getResponseHeaders());
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    // Proxies (nginx) must not hold back the stream waiting for more.
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    exchange.getResponseHeaders().put(X_ACCEL_BUFFERING, "no");
    writer = new StreamWriter(exchange);
  }

  @Override
  public void written() {
    writing = false;
    int flushed = writingMessages;
    writingMessages = 0;
    if (!queued.isEmpty()) {
      writeQueued();
    } else if (afterDrain != null) {
      Runnable end = afterDrain;
      afterDrain = null;
      end.run();
      return;
    }
    credit += flushed;
    if (!finished && credit >= REQUEST_BATCH) {
      call.request(credit); // the HTTP side took these: ask for as many again
      credit = 0;
    }
  }

  @Override
  public void failed(IOException e) {
    writing = false;
    log.debug("{}: writing the stream failed: {}", routed.route().grpcMethodName(), e.toString());
    clientGone();
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    if (finished) {
      return; // the client went away or rendering failed; nobody to answer
    }
    if (writing || !queued.isEmpty()) {
      afterDrain = () -> onClose(status, trailers);
      return;
    }
    Responses.guarded(exchange, () -> close(status, trailers));
  }

  private void close(Status status, Metadata trailers) {
    Transcoder transcoder = routed.snapshot().transcoder();
    if (status.isOk()) {
      boolean empty = writer == null;
      if (empty) {
        startResponse(framing.contentType());
      }
      finished = true;
      RequestRecord.noteCode(exchange, Status.Code.OK.value());
      writeLast(framing.end(empty));
      return;
    }
    RenderedError error = transcoder.renderError(
        BackendStatus.ofFailedCall(status, trailers, routed, deadline));
    if (writer == null) {
      // Nothing written yet: the status line is still ours to choose.
      finished = true;
      HeaderMapping.addResponseHeaders(headers, trailers, exchange.getResponseHeaders());
      Responses.error(exchange, error);
      return;
    }
    finish(error);
  }

  /** Ends the stream with a terminal error object (or, before any message, an error response). */
  private void finish(RenderedError error) {
    finished = true;
    RequestRecord.noteCode(exchange, error.code());
    if (writer == null) {
      Responses.error(exchange, error);
      return;
    }
    if (!framing.inBandErrors()) {
      cutShort(error);
      return;
    }
    writeLast(framing.error(error.body(), false));
  }

  /**
   * Ends a raw body that has started and cannot carry the error: the connection is closed without
   * the terminating chunk, so the client sees an incomplete body rather than a complete one, and
   * the error goes to the log, the only place left for it.
   */
  private void cutShort(RenderedError error) {
    log.warn("{}: the stream failed after its raw body started; closing the connection without"
            + " ending the body: HTTP {} {}", routed.route().grpcMethodName(), error.httpStatus(),
        new String(error.body(), StandardCharsets.UTF_8));
    IoUtils.safeClose(exchange.getConnection());
  }

  private void writeLast(byte[] chunk) {
    if (chunk.length == 0) {
      exchange.endExchange();
      return;
    }
    writing = true;
    writer.write(chunk, new StreamWriter.Callback() {
      @Override
      public void written() {
        writing = false;
        exchange.endExchange();
      }

      @Override
      public void failed(IOException e) {
        writing = false;
        IoUtils.safeClose(exchange.getConnection());
      }
    });
  }

  /** The exchange ended before the call did (connection closed, server stopping): cancel. */
  private void exchangeCompleted(
      HttpServerExchange completed, ExchangeCompletionListener.NextListener next) {
    try {
      if (!finished) {
        finished = true;
        call.cancel("the HTTP exchange ended before the stream did", null);
      }
    } finally {
      next.proceed();
    }
  }

  /** The client closed its connection (or a write to it failed): cancel and let go. */
  private void clientGone() {
    if (finished) {
      return;
    }
    finished = true;
    call.cancel("the client closed the connection", null);
    IoUtils.safeClose(exchange.getConnection());
  }
}
