package dev.gangway.samples.live;

import dev.gangway.samples.support.Errors;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code gangway.samples.live.v1.Live} service: a price ticker (server streaming, following
 * flow control), quote recording (client streaming) and chat rooms (bidirectional streaming).
 *
 * <p>Thread-safe. The rooms live as long as this object; the scheduler belongs to the caller, who
 * shuts it down after the server.
 */
public final class LiveService extends LiveGrpc.LiveImplBase {

  /** The longest pause between quotes. */
  public static final int MAX_INTERVAL_MS = 60_000;
  /** The most quotes one WatchTicker call sends. */
  public static final int MAX_COUNT = 1_000_000;

  private final ScheduledExecutorService scheduler;
  private final LiveProbe probe;
  private final Clock clock;
  private final ChatRooms rooms;

  /**
   * @param scheduler paces quotes
   * @param probe receives what happens to WatchTicker and Chat calls
   * @param clock the time of quotes and chat events
   */
  public LiveService(ScheduledExecutorService scheduler, LiveProbe probe, Clock clock) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rooms = new ChatRooms(clock);
  }

  @Override
  public void watchTicker(WatchTickerRequest request, StreamObserver<Quote> out) {
    String symbol;
    try {
      symbol = Symbols.normalize(request.getSymbol(), "symbol");
      Errors.checkRange("interval_ms", request.getIntervalMs(), MAX_INTERVAL_MS);
      Errors.checkRange("count", request.getCount(), MAX_COUNT);
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    new TickerStream((ServerCallStreamObserver<Quote>) out, symbol, request.getCount(),
        request.getIntervalMs(), scheduler, probe.watches(), clock).start();
  }

  @Override
  public StreamObserver<Quote> recordQuotes(StreamObserver<RecordSummary> out) {
    return new QuoteRecorder(out);
  }

  @Override
  public StreamObserver<ChatMessage> chat(StreamObserver<ChatEvent> out) {
    return new ChatSession((ServerCallStreamObserver<ChatEvent>) out, rooms, probe.chats());
  }
}
