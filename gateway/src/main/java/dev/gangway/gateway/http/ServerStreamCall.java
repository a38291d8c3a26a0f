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
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * One server-streaming backend call and the exchange it streams to: each message is rendered,
 * framed ({@link StreamFraming}) and written as it arrives; {@code google.api.HttpBody} messages
 * are written as raw bytes. Writing and flow control are the {@link StreamOutbox}'s: a stream holds
 * at most a {@link StreamWindow} of rendered messages plus gRPC's own transport window. An
 * error before the first message is a normal error response;
 * after it, a terminal error object ends the stream, or, for raw bytes, which have no place for
 * one, the connection is closed without ending the body (the client sees it cut short) and the
 * error is logged. Cancels the call when the client goes away.
 *
 * <p>Confined to the exchange's IO thread: the call's callbacks run there (its executor is the IO
 * thread), and so do Undertow's write, read and completion listeners, so no state needs locking.
 */
final class ServerStreamCall extends ExchangeCallListener
    implements StreamOutbox.Demand, OpenStreams.Stream {
  private static final Logger log = LoggerFactory.getLogger(ServerStreamCall.class);
  private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");
  private final Routed routed;
  private final StreamFraming framing;
  private final CallDeadline deadline;
  private Metadata headers;
  private final StreamOutbox outbox;

  private ServerStreamCall(HttpServerExchange exchange, Routed routed, StreamFraming framing,
      Duration timeout, OpenStreams streams) {
    super(exchange, "the HTTP exchange ended before the stream did");
    this.routed = routed;
    this.framing = framing;
    this.deadline = new CallDeadline(timeout);
    this.outbox = StreamOutbox.of(exchange, this, streams::holding);
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
    ServerStreamCall listener = new ServerStreamCall(exchange, routed, framing, timeout, streams);
    ClientCall<byte[], byte[]> call = channel.newCall(
        routed.bound().grpcMethod(),
        RequestRecord.withRecord(listener.deadline.options(exchange.getIoThread()), exchange));
    streams.opened(listener);
    exchange.addExchangeCompleteListener((done, next) -> {
      streams.closed(listener);
      listener.outbox.release();
      next.proceed();
    });
    listener.start(call, metadata, message, listener.outbox.firstRequest());
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
      outbox.whenDrained(() -> finish(error));
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
      outbox.whenDrained(() -> finish(error));
      return;
    }
    boolean first = !outbox.opened();
    if (first) {
      startResponse(framing.contentType(rendered));
    }
    outbox.add(framing.before(first), rendered.body(), framing.after());
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
    outbox.open(new StreamWriter(exchange));
  }

  @Override
  public void request(int messages) {
    if (!finished) {
      call.request(messages); // the HTTP side took what it had: ask for more
    }
  }

  @Override
  public void writeFailed(IOException e) {
    log.debug("{}: writing the stream failed: {}", routed.route().grpcMethodName(), e.toString());
    clientGone();
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    if (finished) {
      return; // the client went away or rendering failed; nobody to answer
    }
    if (outbox.busy()) {
      outbox.whenDrained(() -> onClose(status, trailers));
      return;
    }
    Responses.guarded(exchange, () -> close(status, trailers));
  }

  private void close(Status status, Metadata trailers) {
    Transcoder transcoder = routed.snapshot().transcoder();
    if (status.isOk()) {
      boolean empty = !outbox.opened();
      if (empty) {
        startResponse(framing.contentType());
      }
      finished = true;
      RequestRecord.noteCode(exchange, Status.Code.OK.value());
      outbox.end(exchange, framing.end(empty));
      return;
    }
    RenderedError error = transcoder.renderError(
        BackendStatus.ofFailedCall(status, trailers, routed, deadline));
    if (!outbox.opened()) {
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
    if (!outbox.opened()) {
      Responses.error(exchange, error);
      return;
    }
    if (!framing.inBandErrors()) {
      cutShort(error);
      return;
    }
    outbox.end(exchange, framing.error(error.body(), false));
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
}
