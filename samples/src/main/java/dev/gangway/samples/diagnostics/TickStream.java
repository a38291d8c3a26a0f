package dev.gangway.samples.diagnostics;

import dev.gangway.samples.support.CallProbe;
import dev.gangway.samples.support.ProtoTime;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Ticks call. Without an interval it sends as fast as the client reads: a tick only while
 * the call is ready, resuming on the onReady callback (grpc-java's manual flow control). With an
 * interval, the scheduler sends one tick per interval.
 *
 * <p>Thread-safe: the onReady and cancel callbacks and the scheduler meet under this object's
 * lock, so the stream observer (which is not thread-safe) is used by one thread at a time.
 */
final class TickStream {

  private final ServerCallStreamObserver<Tick> call;
  private final int count;
  private final long intervalMillis;
  private final String instance;
  private final ScheduledExecutorService scheduler;
  private final CallProbe probe;
  private final Clock clock;

  // Guarded by this.
  private int sent;
  private boolean finished;
  private ScheduledFuture<?> timer;

  TickStream(ServerCallStreamObserver<Tick> call, TicksRequest request, String instance,
      ScheduledExecutorService scheduler, CallProbe probe, Clock clock) {
    this.call = call;
    this.count = request.getCount();
    this.intervalMillis = request.getIntervalMillis();
    this.instance = instance;
    this.scheduler = scheduler;
    this.probe = probe;
    this.clock = clock;
  }

  /** Starts sending; call from the service method, which must install the handlers. */
  synchronized void start() {
    probe.record(CallProbe.Phase.STARTED);
    call.setOnCancelHandler(this::cancelled);
    if (intervalMillis == 0) {
      call.setOnReadyHandler(this::pump);
      pump();
    } else {
      // The first tick waits for start() to return: the task needs this lock.
      timer = scheduler.scheduleAtFixedRate(
          this::sendOne, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void pump() {
    while (!finished && sent < count && call.isReady()) {
      send();
    }
    if (!finished && sent == count) {
      complete();
    }
  }

  private synchronized void sendOne() {
    if (finished) {
      return;
    }
    if (sent < count) {
      send();
    }
    if (sent == count) {
      complete();
    }
  }

  private synchronized void cancelled() {
    if (!finished) {
      finished = true;
      stopTimer();
      probe.record(CallProbe.Phase.CANCELLED);
    }
  }

  private void send() {
    sent++;
    call.onNext(Tick.newBuilder()
        .setSequence(sent)
        .setTime(ProtoTime.of(clock.instant()))
        .setInstance(instance)
        .build());
  }

  private void complete() {
    finished = true;
    stopTimer();
    // Recorded first, so a client that has seen the end also sees the count.
    probe.record(CallProbe.Phase.COMPLETED);
    call.onCompleted();
  }

  private void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
