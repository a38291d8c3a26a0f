package dev.gangway.gateway.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;

/**
 * Notices a client resetting its HTTP/2 stream (RST_STREAM) while the gateway waits for the
 * backend, or streams to the client, so that the backend call is cancelled rather than run to its
 * deadline.
 *
 * <p>Undertow 2.4 closes the stream's response channel when the client resets it, but tells no
 * one until something writes to it: {@code Http2StreamSinkChannel.rstStream} closes the channel
 * without firing a close listener, and no exchange-completion listener runs. So this checks, every
 * {@value #INTERVAL_MILLIS} ms on the exchange's IO thread, whether the stream's channel ({@link
 * Connectors#getConduitSinkChannel}) is still open, until the exchange completes. A closed channel
 * before the gateway finished answering (every answer is written on the IO thread, after the
 * caller marked itself finished) is a reset: {@code onReset} cancels the call, then the exchange
 * is ended so that its completion listeners (request counting, stream slots) run.
 *
 * <p>Not thread-safe: confined to the exchange's IO thread.
 */
final class StreamResetWatcher implements Runnable {
  /** How soon a reset is noticed, at most; one timer task per waiting HTTP/2 exchange. */
  static final long INTERVAL_MILLIS = 250;

  private final HttpServerExchange exchange;
  private final Runnable onReset;

  private StreamResetWatcher(HttpServerExchange exchange, Runnable onReset) {
    this.exchange = exchange;
    this.onReset = onReset;
  }

  /** Starts watching an HTTP/2 exchange; may be called from any thread. */
  static void watch(HttpServerExchange exchange, Runnable onReset) {
    StreamResetWatcher watcher = new StreamResetWatcher(exchange, onReset);
    exchange.getIoThread().executeAfter(watcher, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    if (exchange.isComplete() || exchange.isResponseComplete()) {
      return;
    }
    if (Connectors.getConduitSinkChannel(exchange).isOpen()) {
      exchange.getIoThread().executeAfter(this, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      return;
    }
    onReset.run();
    if (!exchange.isComplete()) {
      exchange.endExchange();
    }
  }
}
