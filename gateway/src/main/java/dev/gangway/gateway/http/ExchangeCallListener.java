package dev.gangway.gateway.http;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import org.xnio.IoUtils;

/**
 * What every backend call that answers one HTTP exchange with one request message shares: the
 * call is started, sent its message and half-closed at once, and cancelled when the exchange
 * ends before the call does or the client goes away ({@link DisconnectWatcher}). {@link #finished}
 * says that the call is over as far as the client is concerned: later callbacks are ignored.
 *
 * <p>{@link #finished} and the exchange are confined to the exchange's IO thread, where Undertow's
 * completion and read listeners run; so do the call's callbacks, unless a subclass takes them on
 * the backend's transport thread and hands the close over ({@link UnaryCall}).
 */
abstract class ExchangeCallListener extends ClientCall.Listener<byte[]> {
  final HttpServerExchange exchange;
  /** Why the call is cancelled when the exchange ends first (for the backend's logs). */
  private final String endedEarly;
  ClientCall<byte[], byte[]> call;
  boolean finished;

  ExchangeCallListener(HttpServerExchange exchange, String endedEarly) {
    this.exchange = exchange;
    this.endedEarly = endedEarly;
  }

  /**
   * Starts {@code call} with this listener, asks for {@code firstRequest} messages, sends
   * {@code message} and half-closes; from now on the exchange's end or the client's going away
   * cancels it.
   */
  final void start(ClientCall<byte[], byte[]> call, Metadata metadata, byte[] message,
      int firstRequest) {
    this.call = call;
    watchExchangeEnd();
    call.start(this, metadata);
    call.request(firstRequest);
    call.sendMessage(message);
    call.halfClose();
    DisconnectWatcher.watch(exchange, this::clientGone);
  }

  /** From now on, the exchange's ending before the call does cancels the call. */
  final void watchExchangeEnd() {
    exchange.addExchangeCompleteListener(this::exchangeCompleted);
  }

  /**
   * Cancels the call on the thread its operations run on: here the IO thread; a call whose
   * operations run on the backend's transport thread hands the cancel over ({@link UnaryCall}).
   */
  void cancel(String reason) {
    call.cancel(reason, null);
  }

  /** The exchange ended before the call did (connection closed, server stopping): cancel. */
  private void exchangeCompleted(
      HttpServerExchange completed, ExchangeCompletionListener.NextListener next) {
    try {
      if (!finished) {
        finished = true;
        cancel(endedEarly);
      }
    } finally {
      next.proceed();
    }
  }

  /** The client closed its connection (or a write to it failed): cancel and let go. */
  void clientGone() {
    if (finished) {
      return;
    }
    finished = true;
    cancel("the client closed the connection");
    IoUtils.safeClose(exchange.getConnection());
  }
}
