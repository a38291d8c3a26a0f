package dev.gangway.samples.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.samples.support.CallProbe;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flow control of one ticker, with a call whose readiness the test sets and ticks it fires. */
class TickerStreamTest {
  private final ManualTicks scheduler = new ManualTicks();
  private final FakeCall call = new FakeCall();
  private final CallProbe probe = new CallProbe();
  private final Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private TickerStream ticker(int count, long intervalMillis) {
    return new TickerStream(call, "ACME", count, intervalMillis, scheduler, probe, clock);
  }

  @Test
  void aSlowClientGetsTheNewestQuoteWhenReadyAndTheStaleOnesAreSkipped() {
    ticker(0, 100).start();
    scheduler.tick();
    assertThat(call.sequences()).containsExactly(1L);

    call.ready = false;
    scheduler.tick();
    scheduler.tick();
    scheduler.tick();
    assertThat(call.sequences()).containsExactly(1L);

    call.becomeReady();
    assertThat(call.sequences()).containsExactly(1L, 4L);
    scheduler.tick();
    assertThat(call.sequences()).containsExactly(1L, 4L, 5L);
  }

  @Test
  void withoutAnIntervalItSendsOnlyWhileTheCallIsReady() {
    call.readyFor = 3;
    ticker(10, 0).start();
    assertThat(call.sequences()).containsExactly(1L, 2L, 3L);

    call.readyFor = 2;
    call.becomeReady();
    assertThat(call.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(call.completed).isFalse();

    call.readyFor = Integer.MAX_VALUE;
    call.becomeReady();
    assertThat(call.sequences()).hasSize(10);
    assertThat(call.completed).isTrue();
    assertThat(probe.count(CallProbe.Phase.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aCountedTickerCompletesAfterItsLastQuoteAndStopsTicking() {
    ticker(2, 100).start();
    scheduler.tick();
    scheduler.tick();

    assertThat(call.completed).isTrue();
    assertThat(scheduler.future.isCancelled()).isTrue();
    scheduler.tick();
    assertThat(call.sequences()).containsExactly(1L, 2L);
  }

  @Test
  void cancellationStopsTheTicksAndIsCounted() {
    ticker(0, 100).start();
    scheduler.tick();

    call.cancel();
    scheduler.tick();

    assertThat(call.sequences()).containsExactly(1L);
    assertThat(scheduler.future.isCancelled()).isTrue();
    assertThat(probe.count(CallProbe.Phase.CANCELLED)).isEqualTo(1);
  }

  /** A scheduler whose one periodic task runs when the test says. */
  private static final class ManualTicks extends ScheduledThreadPoolExecutor {
    Runnable task;
    ScheduledFuture<?> future;

    ManualTicks() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      task = command;
      // Something cancellable that never runs the task by itself.
      future = schedule(() -> { }, 1, TimeUnit.DAYS);
      return future;
    }

    void tick() {
      task.run();
    }
  }

  /** A call that records what is sent; ready as the test sets it. */
  private static final class FakeCall extends ServerCallStreamObserver<Quote> {
    final List<Quote> sent = new ArrayList<>();
    boolean ready = true;
    /** Messages after which the call turns not ready. */
    int readyFor = Integer.MAX_VALUE;
    boolean completed;
    Runnable onReady;
    Runnable onCancel;

    List<Long> sequences() {
      return sent.stream().map(Quote::getSequence).toList();
    }

    void becomeReady() {
      ready = true;
      onReady.run();
    }

    void cancel() {
      onCancel.run();
    }

    @Override
    public boolean isReady() {
      return ready && readyFor > 0;
    }

    @Override
    public void onNext(Quote value) {
      assertThat(isReady()).as("sent only while ready").isTrue();
      sent.add(value);
      readyFor--;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }

    @Override
    public void onError(Throwable t) {
      throw new AssertionError(t);
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      onReady = handler;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      onCancel = handler;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void setCompression(String compression) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}
  }
}
