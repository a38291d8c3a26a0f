package dev.gangway.samples.live;

import dev.gangway.samples.support.CallProbe;
import dev.gangway.samples.support.ProtoTime;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WatchTicker call, following grpc-java's manual flow control. Without an interval it sends
 * a quote whenever the call is ready and resumes on onReady. With an interval, the scheduler
 * makes a quote per interval; when the call is not ready (the client reads slowly) the quote is
 * held and a newer one replaces it, so that the client gets the newest price as soon as it is
 * ready rather than a backlog of stale ones (a ticker's usual "conflation").
 *
 * <p>Thread-safe: the onReady and cancel callbacks and the scheduler meet under this object's
 * lock, so the stream observer (which is not thread-safe) is used by one thread at a time.
 */
final class TickerStream {
  private final ServerCallStreamObserver<Quote> call;
  private final String symbol;
  private final int count;
  private final long intervalMillis;
  private final ScheduledExecutorService scheduler;
  private final CallProbe probe;
  private final Clock clock;
  private final PriceWalk walk;

  // Guarded by this.
  private long made;
  private int sent;
  private Quote held;
  private boolean finished;
  private ScheduledFuture<?> timer;

  /**
   * @param count quotes to send; 0 for no limit
   * @param intervalMillis time between quotes; 0 for as fast as the client reads
   */
  TickerStream(ServerCallStreamObserver<Quote> call, String symbol, int count,
      long intervalMillis, ScheduledExecutorService scheduler, CallProbe probe, Clock clock) {
    this.call = call;
    this.symbol = symbol;
    this.count = count;
    this.intervalMillis = intervalMillis;
    this.scheduler = scheduler;
    this.probe = probe;
    this.clock = clock;
    this.walk = new PriceWalk(symbol);
  }

  /** Starts sending; call from the service method, which must install the handlers. */
  synchronized void start() {
    probe.record(CallProbe.Phase.STARTED);
    call.setOnCancelHandler(this::cancelled);
    call.setOnReadyHandler(this::ready);
    if (intervalMillis == 0) {
      ready();
    } else {
      // The first quote waits for start() to return: the task needs this lock.
      timer = scheduler.scheduleAtFixedRate(
          this::tick, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** The call can take more: send what is held, or (without an interval) make and send more. */
  private synchronized void ready() {
    if (held != null && !finished && call.isReady()) {
      Quote quote = held;
      held = null;
      send(quote);
    }
    while (intervalMillis == 0 && !finished && call.isReady()) {
      send(make());
    }
  }

  /** One interval passed: a new quote, sent now or held until the call is ready. */
  private synchronized void tick() {
    if (finished) {
      return;
    }
    Quote quote = make();
    if (call.isReady()) {
      held = null;
      send(quote);
    } else {
      held = quote;
    }
  }

  private Quote make() {
    made++;
    return Quote.newBuilder()
        .setSymbol(symbol)
        .setPrice(walk.next())
        .setSequence(made)
        .setTime(ProtoTime.of(clock.instant()))
        .build();
  }

  private void send(Quote quote) {
    sent++;
    call.onNext(quote);
    if (count > 0 && sent == count) {
      finished = true;
      stopTimer();
      // Recorded first, so a client that has seen the end also sees the count.
      probe.record(CallProbe.Phase.COMPLETED);
      call.onCompleted();
    }
  }

  private synchronized void cancelled() {
    if (!finished) {
      finished = true;
      stopTimer();
      probe.record(CallProbe.Phase.CANCELLED);
    }
  }

  private void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
