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
 * <p>Confined to the exchange's IO thread: the call's callbacks run there (its executor is the IO
 * thread), and so do Undertow's completion and read listeners.
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
    exchange.addExchangeCompleteListener(this::exchangeCompleted);
    call.start(this, metadata);
    call.request(firstRequest);
    call.sendMessage(message);
    call.halfClose();
    DisconnectWatcher.watch(exchange, this::clientGone);
  }

  /** The exchange ended before the call did (connection closed, server stopping): cancel. */
  private void exchangeCompleted(
      HttpServerExchange completed, ExchangeCompletionListener.NextListener next) {
    try {
      if (!finished) {
        finished = true;
        call.cancel(endedEarly, null);
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
    call.cancel("the client closed the connection", null);
    IoUtils.safeClose(exchange.getConnection());
  }
}
