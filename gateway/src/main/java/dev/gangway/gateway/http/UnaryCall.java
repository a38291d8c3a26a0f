package dev.gangway.gateway.http;

import com.google.common.util.concurrent.MoreExecutors;
import dev.gangway.gateway.backend.ObservedChannel;
import dev.gangway.gateway.backend.TransportChannel;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.gateway.headers.HeaderMapping;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedBody;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One unary backend call and the exchange it answers: starts the call, collects headers and the
 * response message, and completes the exchange when the call closes. Cancels the call when the
 * client goes away first.
 *
 * <p>Two threads, two hand-offs per call. On a channel with a transport thread
 * ({@link TransportChannel#transport()}), {@link #start} hands the whole call (start, request,
 * message, half-close) to that thread in one task, and the call's callbacks run there too; the
 * close hands the answer back to the exchange's IO thread in one task. The call is only touched
 * on the transport thread; {@code finished} and the exchange only on the IO thread; headers and
 * response are written by the callbacks before the close's hand-off, which publishes them.
 * Without a transport thread (and for {@link ClientStreamCall}), call operations and callbacks
 * all run on the IO thread.
 */
final class UnaryCall extends ExchangeCallListener {
  private final Routed routed;
  private final CallDeadline deadline;
  /** Runs call operations: the channel's transport thread, or the caller's (IO) thread. */
  private final Executor callThread;
  private Metadata headers;
  private byte[] response;

  private UnaryCall(
      HttpServerExchange exchange, Routed routed, Duration timeout, Executor callThread) {
    super(exchange, "the HTTP exchange ended before the backend answered");
    this.routed = routed;
    this.deadline = new CallDeadline(timeout);
    this.callThread = callThread;
  }

  /** Starts the call on {@code channel}; the exchange is completed from its callbacks. */
  static void start(
      HttpServerExchange exchange,
      Routed routed,
      Channel channel,
      Metadata metadata,
      byte[] message,
      Duration timeout) {
    Optional<Executor> transport = channel instanceof TransportChannel bound
        ? bound.transport()
        : channel instanceof ObservedChannel observed ? observed.transport() : Optional.empty();
    if (transport.isEmpty()) {
      UnaryCall listener = new UnaryCall(exchange, routed, timeout, MoreExecutors.directExecutor());
      ClientCall<byte[], byte[]> call = listener.newCall(channel);
      call.start(listener, metadata);
      call.request(1);
      call.sendMessage(message);
      call.halfClose();
      DisconnectWatcher.watch(exchange, listener::clientGone);
      return;
    }
    UnaryCall listener = new UnaryCall(exchange, routed, timeout, transport.get());
    // Callbacks on the transport thread (grpc-java runs a direct executor's callbacks inline).
    ClientCall<byte[], byte[]> call = channel.newCall(
        routed.bound().grpcMethod(), RequestRecord.withRecord(
            listener.deadline.options(MoreExecutors.directExecutor()), exchange));
    listener.call = call;
    listener.watchExchangeEnd();
    transport.get().execute(() -> {
      try {
        call.start(listener, metadata);
        call.request(1);
        call.sendMessage(message);
        call.halfClose();
      } catch (RuntimeException e) {
        // Reaches the client as the call's failure (onClose), like any other call error.
        call.cancel("the backend call could not be started", e);
      }
    });
    DisconnectWatcher.watch(exchange, listener::clientGone);
  }

  /**
   * Creates the call this listener answers for, with the deadline and the IO thread as executor,
   * and cancels it when the exchange ends first. The caller starts it (also used by
   * {@link ClientStreamCall}, whose single response is answered as a unary one).
   */
  static UnaryCall forExchange(HttpServerExchange exchange, Routed routed, Duration timeout) {
    return new UnaryCall(exchange, routed, timeout, MoreExecutors.directExecutor());
  }

  ClientCall<byte[], byte[]> newCall(Channel channel) {
    call = channel.newCall(routed.bound().grpcMethod(), RequestRecord.withRecord(
        deadline.options(exchange.getIoThread()), exchange));
    watchExchangeEnd();
    return call;
  }

  /** Whether the exchange is answered or abandoned; later callbacks are ignored. */
  boolean finished() {
    return finished;
  }

  /** Cancels the call and answers {@code error} instead of waiting for the backend. */
  void abort(String reason, TranscodingException error) {
    if (finished) {
      return;
    }
    finished = true;
    cancel(reason);
    exchange.setPersistent(false); // the rest of the body is never read
    Responses.error(exchange, routed.snapshot().transcoder(), error);
  }

  @Override
  public void onHeaders(Metadata headers) {
    this.headers = headers;
  }

  @Override
  public void onMessage(byte[] message) {
    this.response = message;
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    if (exchange.isInIoThread()) {
      closed(status, trailers);
    } else {
      exchange.getIoThread().execute(() -> closed(status, trailers));
    }
  }

  private void closed(Status status, Metadata trailers) {
    if (finished) {
      return; // the client went away; nobody to answer
    }
    finished = true;
    Responses.guarded(exchange, () -> respond(status, trailers));
  }

  private void respond(Status status, Metadata trailers) {
    HeaderMapping.addResponseHeaders(headers, trailers, exchange.getResponseHeaders());
    Transcoder transcoder = routed.snapshot().transcoder();
    if (!status.isOk()) {
      Responses.error(exchange, transcoder.renderError(
          BackendStatus.ofFailedCall(status, trailers, routed, deadline)));
      return;
    }
    if (response == null) {
      Responses.error(exchange, transcoder, GatewayError.NO_RESPONSE_MESSAGE,
          routed.route().grpcMethodName());
      return;
    }
    RenderedBody body;
    try {
      body = transcoder.render(routed.route(), response);
    } catch (TranscodingException e) {
      Responses.error(exchange, transcoder, e);
      return;
    }
    SuccessResponse.send(
        exchange, routed.transcoded().semantics(), response, body, headers, trailers);
  }

  /** Cancels the call on the thread its operations run on. */
  @Override
  void cancel(String reason) {
    callThread.execute(() -> call.cancel(reason, null));
  }
}
