package dev.gangway.samples.live;

import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import dev.gangway.samples.live.ChatEvent.Kind;
import dev.gangway.samples.support.CallProbe.Phase;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveServiceTest {

  private RunningSamples samples;
  private ManagedChannel channel;
  private LiveGrpc.LiveBlockingStub blocking;
  private LiveGrpc.LiveStub async;

  @BeforeAll
  void start() throws Exception {
    samples = SampleServers.builder().backends(SampleBackend.LIVE).start();
    channel = GrpcTesting.channel(samples, SampleBackend.LIVE);
    blocking = LiveGrpc.newBlockingStub(channel);
    async = LiveGrpc.newStub(channel);
  }

  @AfterAll
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  private static WatchTickerRequest watch(String symbol, int intervalMs, int count) {
    return WatchTickerRequest.newBuilder()
        .setSymbol(symbol).setIntervalMs(intervalMs).setCount(count).build();
  }

  @Test
  void tickerSendsCountQuotesOfTheUpperCasedSymbol() {
    List<Quote> quotes = new ArrayList<>();
    blocking.watchTicker(watch("acme", 0, 20)).forEachRemaining(quotes::add);

    assertThat(quotes).hasSize(20);
    assertThat(quotes).extracting(Quote::getSymbol).containsOnly("ACME");
    assertThat(quotes).extracting(Quote::getSequence).startsWith(1L, 2L, 3L).endsWith(20L);
    assertThat(quotes.get(0).getPrice()).isEqualTo(Symbols.startPrice("ACME"));
    assertThat(quotes).allSatisfy(q -> assertThat(q.getPrice()).isPositive());
  }

  @Test
  void theSameSymbolWalksTheSameWay() {
    List<Double> first = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    blocking.watchTicker(watch("XYZ", 0, 10)).forEachRemaining(q -> first.add(q.getPrice()));
    blocking.watchTicker(watch("xyz", 0, 10)).forEachRemaining(q -> second.add(q.getPrice()));

    assertThat(first).isEqualTo(second);
  }

  @Test
  void pacedTickerSendsAllItsQuotes() {
    List<Quote> quotes = new ArrayList<>();
    blocking.watchTicker(watch("ACME", 5, 3)).forEachRemaining(quotes::add);

    assertThat(quotes).extracting(Quote::getSequence).containsExactly(1L, 2L, 3L);
  }

  @Test
  void tickerRejectsBadArgumentsNamingTheField() {
    assertThat(failure(Status.Code.INVALID_ARGUMENT,
        () -> blocking.watchTicker(watch("", 0, 1)).hasNext()).getStatus().getDescription())
        .isEqualTo("symbol: must be 1 to 12 letters, digits or '.', got \"\"");
    assertThat(failure(Status.Code.INVALID_ARGUMENT,
        () -> blocking.watchTicker(watch("A", -1, 1)).hasNext()).getStatus().getDescription())
        .isEqualTo("interval_ms: must be between 0 and 60000, got -1");
    assertThat(failure(Status.Code.INVALID_ARGUMENT,
        () -> blocking.watchTicker(watch("A", 0, 2_000_000)).hasNext()).getStatus()
        .getDescription())
        .isEqualTo("count: must be between 0 and 1000000, got 2000000");
  }

  @Test
  void anEndlessTickerRunsUntilTheClientCancels() throws Exception {
    int cancelled = samples.live().watches().count(Phase.CANCELLED);
    Context.CancellableContext context = Context.current().withCancellation();

    Iterator<Quote> quotes = context.call(() -> blocking.watchTicker(watch("ACME", 1, 0)));
    for (int i = 1; i <= 5; i++) {
      assertThat(quotes.next().getSequence()).isEqualTo(i);
    }
    context.cancel(null);

    assertThat(samples.live().watches().await(Phase.CANCELLED, cancelled + 1, Inbox.WAIT))
        .isTrue();
  }

  @Test
  void recordSummarisesQuotesPerSymbolInFirstSeenOrder() throws Exception {
    Inbox<RecordSummary> summary = new Inbox<>();
    StreamObserver<Quote> upload = async.recordQuotes(summary);
    upload.onNext(quote("acme", 10));
    upload.onNext(quote("XYZ", 3));
    upload.onNext(quote("ACME", 12.5));
    upload.onNext(quote("ACME", 9));
    upload.onCompleted();

    assertThat(summary.take()).isEqualTo(RecordSummary.newBuilder()
        .setCount(4)
        .addSymbols(SymbolSummary.newBuilder().setSymbol("ACME").setCount(3).setFirst(10)
            .setLast(9).setLow(9).setHigh(12.5))
        .addSymbols(SymbolSummary.newBuilder().setSymbol("XYZ").setCount(1).setFirst(3)
            .setLast(3).setLow(3).setHigh(3))
        .build());
    assertThat(summary.end().isOk()).isTrue();
  }

  @Test
  void recordOfNothingCountsZero() throws Exception {
    Inbox<RecordSummary> summary = new Inbox<>();
    async.recordQuotes(summary).onCompleted();

    assertThat(summary.take()).isEqualTo(RecordSummary.getDefaultInstance());
  }

  @Test
  void recordFailsOnTheFirstBadQuoteNamingIt() throws Exception {
    Inbox<RecordSummary> summary = new Inbox<>();
    StreamObserver<Quote> upload = async.recordQuotes(summary);
    upload.onNext(quote("ACME", 1));
    upload.onNext(quote("ACME", 0));

    Status status = summary.end();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).isEqualTo("quote 2: price: must be more than 0, got 0.0");
  }

  private static Quote quote(String symbol, double price) {
    return Quote.newBuilder().setSymbol(symbol).setPrice(price).build();
  }
}
