package dev.gangway.samples.diagnostics;

import static dev.gangway.samples.GrpcTesting.detail;
import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import dev.gangway.samples.diagnostics.DiagnosticsProbe.Event;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnosticsServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private RunningSamples samples;
  private ManagedChannel channel;
  private DiagnosticsGrpc.DiagnosticsBlockingStub diagnostics;

  @BeforeAll
  void start() throws Exception {
    samples = SampleServers.builder()
        .backends(SampleBackend.DIAGNOSTICS)
        .instanceName("alpha")
        .start();
    channel = GrpcTesting.channel(samples, SampleBackend.DIAGNOSTICS);
    diagnostics = DiagnosticsGrpc.newBlockingStub(channel);
  }

  @AfterAll
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  private static Metadata.Key<String> text(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  @Test
  void echoReturnsTheRequestAndItsTextMetadata() {
    Metadata headers = new Metadata();
    headers.put(text("x-request-id"), "abc");
    headers.put(text("x-multi"), "one");
    headers.put(text("x-multi"), "two");
    headers.put(Metadata.Key.of("x-blob-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] {1, 2});
    EchoRequest request = EchoRequest.newBuilder().setMessage("hi").putLabels("k", "v").build();

    EchoResponse response = diagnostics
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .echo(request);

    assertThat(response.getRequest()).isEqualTo(request);
    assertThat(response.getInstance()).isEqualTo("alpha");
    assertThat(response.getMetadataMap().get("x-request-id").getValuesList()).containsExactly("abc");
    assertThat(response.getMetadataMap().get("x-multi").getValuesList())
        .containsExactly("one", "two");
    assertThat(response.getMetadataMap()).doesNotContainKey("x-blob-bin");
  }

  @Test
  void echoSetsAResponseHeaderAndATrailer() {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();

    diagnostics.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
        .echo(EchoRequest.newBuilder().setMessage("hi").build());

    assertThat(headers.get().get(text("x-diag-header"))).isEqualTo("h");
    assertThat(trailers.get().get(text("x-diag-trailer"))).isEqualTo("t");
  }

  @Test
  void otherMethodsSetNoEchoHeaders() {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();

    diagnostics.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
        .whoAmI(WhoAmIRequest.getDefaultInstance());

    assertThat(headers.get().containsKey(text("x-diag-header"))).isFalse();
    assertThat(trailers.get().containsKey(text("x-diag-trailer"))).isFalse();
  }

  @Test
  void sleepAnswersAfterItsWait() {
    int completed = samples.diagnostics().count(Event.SLEEP_COMPLETED);

    SleepResponse response = diagnostics.sleep(SleepRequest.newBuilder().setMillis(20).build());

    assertThat(response.getSleptMillis()).isEqualTo(20);
    assertThat(response.getInstance()).isEqualTo("alpha");
    assertThat(samples.diagnostics().count(Event.SLEEP_COMPLETED)).isEqualTo(completed + 1);
  }

  @Test
  void aCancelledSleepIsObservedByTheServer() throws Exception {
    DiagnosticsProbe probe = samples.diagnostics();
    int started = probe.count(Event.SLEEP_STARTED);
    int cancelled = probe.count(Event.SLEEP_CANCELLED);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Context.CancellableContext context = Context.current().withCancellation();

    context.run(() -> DiagnosticsGrpc.newStub(channel).sleep(
        SleepRequest.newBuilder().setMillis(60_000).build(), observer(outcome)));
    assertThat(probe.await(Event.SLEEP_STARTED, started + 1, WAIT)).isTrue();
    context.cancel(null);

    assertThat(probe.await(Event.SLEEP_CANCELLED, cancelled + 1, WAIT)).isTrue();
    assertThat(Status.fromThrowable(outcome.get(10, TimeUnit.SECONDS)).getCode())
        .isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void anExpiredDeadlineCancelsTheSleep() throws Exception {
    DiagnosticsProbe probe = samples.diagnostics();
    int cancelled = probe.count(Event.SLEEP_CANCELLED);

    failure(Status.Code.DEADLINE_EXCEEDED, () -> diagnostics
        .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
        .sleep(SleepRequest.newBuilder().setMillis(60_000).build()));

    assertThat(probe.await(Event.SLEEP_CANCELLED, cancelled + 1, WAIT)).isTrue();
  }

  @Test
  void rejectsASleepBeyondTheLimit() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> diagnostics.sleep(SleepRequest.newBuilder().setMillis(60_001).build()));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("millis: must be between 0 and 60000, got 60001");
  }

  @Test
  void listItemsReturnsCountItemsInIndexOrder() {
    ListItemsResponse response = diagnostics.listItems(
        ListItemsRequest.newBuilder().setCount(3).build());

    assertThat(response.getItemsList()).extracting(Item::getIndex).containsExactly(0, 1, 2);
    assertThat(response.getItemsList()).extracting(Item::getId)
        .containsExactly("item-0", "item-1", "item-2");
    assertThat(response.getItemsList()).extracting(Item::getInstance).containsOnly("alpha");
  }

  @Test
  void listItemsWithoutCountIsEmpty() {
    assertThat(diagnostics.listItems(ListItemsRequest.getDefaultInstance()).getItemsList())
        .isEmpty();
  }

  @Test
  void rejectsAListBeyondTheLimit() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> diagnostics.listItems(ListItemsRequest.newBuilder().setCount(1001).build()));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("count: must be between 0 and 1000, got 1001");
  }

  @Test
  void getItemAnswersWithTheItemAfterItsDelay() {
    DiagnosticsProbe probe = samples.diagnostics();
    int started = probe.count(Event.GET_ITEM_STARTED);
    int completed = probe.count(Event.GET_ITEM_COMPLETED);

    Item item = diagnostics.getItem(
        GetItemRequest.newBuilder().setId("item-17").setDelayMillis(10).build());

    assertThat(item).isEqualTo(
        Item.newBuilder().setIndex(17).setId("item-17").setInstance("alpha").build());
    assertThat(probe.count(Event.GET_ITEM_STARTED)).isEqualTo(started + 1);
    assertThat(probe.count(Event.GET_ITEM_COMPLETED)).isEqualTo(completed + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7", "item-", "item-x", "item-07", "item--1", "item-2147483648",
      "ITEM-1"})
  void getItemRejectsAnIdThatNamesNoItem(String id) {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> diagnostics.getItem(GetItemRequest.newBuilder().setId(id).build()));

    assertThat(e.getStatus().getDescription()).isEqualTo(
        "id: must be item-<index> with an index from 0 to 2147483647, got \"" + id + "\"");
  }

  @Test
  void getItemRejectsADelayBeyondTheLimit() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT, () -> diagnostics.getItem(
        GetItemRequest.newBuilder().setId("item-1").setDelayMillis(60_001).build()));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("delay_millis: must be between 0 and 60000, got 60001");
  }

  @Test
  void waitingGetItemsCountAsInFlightUntilCancelled() throws Exception {
    DiagnosticsProbe probe = samples.diagnostics();
    int started = probe.count(Event.GET_ITEM_STARTED);
    int cancelled = probe.count(Event.GET_ITEM_CANCELLED);
    probe.resetMaxInFlight();
    Context.CancellableContext context = Context.current().withCancellation();
    List<CompletableFuture<Throwable>> outcomes = new ArrayList<>();

    for (int i = 0; i < 4; i++) {
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      outcomes.add(outcome);
      GetItemRequest request =
          GetItemRequest.newBuilder().setId("item-" + i).setDelayMillis(60_000).build();
      context.run(() -> DiagnosticsGrpc.newStub(channel).getItem(request, observer(outcome)));
    }
    assertThat(probe.await(Event.GET_ITEM_STARTED, started + 4, WAIT)).isTrue();
    assertThat(probe.inFlight(DiagnosticsProbe.Kind.GET_ITEM)).isEqualTo(4);
    assertThat(probe.maxInFlight(DiagnosticsProbe.Kind.GET_ITEM)).isEqualTo(4);
    assertThat(probe.maxInFlight(DiagnosticsProbe.Kind.SLEEP)).isZero();
    context.cancel(null);

    assertThat(probe.await(Event.GET_ITEM_CANCELLED, cancelled + 4, WAIT)).isTrue();
    assertThat(probe.inFlight(DiagnosticsProbe.Kind.GET_ITEM)).isZero();
    for (CompletableFuture<Throwable> outcome : outcomes) {
      assertThat(Status.fromThrowable(outcome.get(10, TimeUnit.SECONDS)).getCode())
          .isEqualTo(Status.Code.CANCELLED);
    }
    probe.resetMaxInFlight();
    assertThat(probe.maxInFlight(DiagnosticsProbe.Kind.GET_ITEM)).isZero();
  }

  @Test
  void getItemsOneAfterAnotherNeverOverlap() {
    DiagnosticsProbe probe = samples.diagnostics();
    probe.resetMaxInFlight();

    for (int i = 0; i < 3; i++) {
      diagnostics.getItem(GetItemRequest.newBuilder().setId("item-" + i).setDelayMillis(5).build());
    }

    assertThat(probe.maxInFlight(DiagnosticsProbe.Kind.GET_ITEM)).isEqualTo(1);
  }

  @Test
  void anExpiredDeadlineCancelsTheGetItem() throws Exception {
    DiagnosticsProbe probe = samples.diagnostics();
    int cancelled = probe.count(Event.GET_ITEM_CANCELLED);

    failure(Status.Code.DEADLINE_EXCEEDED, () -> diagnostics
        .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
        .getItem(GetItemRequest.newBuilder().setId("item-1").setDelayMillis(60_000).build()));

    assertThat(probe.await(Event.GET_ITEM_CANCELLED, cancelled + 1, WAIT)).isTrue();
  }

  @Test
  void aWaitingSleepCountsAsInFlight() throws Exception {
    DiagnosticsProbe probe = samples.diagnostics();
    int started = probe.count(Event.SLEEP_STARTED);
    int cancelled = probe.count(Event.SLEEP_CANCELLED);
    probe.resetMaxInFlight();
    Context.CancellableContext context = Context.current().withCancellation();

    context.run(() -> DiagnosticsGrpc.newStub(channel).sleep(
        SleepRequest.newBuilder().setMillis(60_000).build(), observer(new CompletableFuture<>())));
    assertThat(probe.await(Event.SLEEP_STARTED, started + 1, WAIT)).isTrue();

    assertThat(probe.inFlight(DiagnosticsProbe.Kind.SLEEP)).isEqualTo(1);
    assertThat(probe.maxInFlight(DiagnosticsProbe.Kind.SLEEP)).isEqualTo(1);
    context.cancel(null);
    assertThat(probe.await(Event.SLEEP_CANCELLED, cancelled + 1, WAIT)).isTrue();
    assertThat(probe.inFlight(DiagnosticsProbe.Kind.SLEEP)).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = Code.class, names = {"OK", "UNRECOGNIZED"}, mode = EnumSource.Mode.EXCLUDE)
  void failReturnsTheRequestedCodeWithABadRequestDetail(Code code) {
    StatusRuntimeException e = failure(Status.fromCodeValue(code.getNumber()).getCode(), () ->
        diagnostics.fail(FailRequest.newBuilder().setCode(code).setMessage("boom").build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("boom");
    BadRequest.FieldViolation violation = detail(e, BadRequest.class).getFieldViolations(0);
    assertThat(violation.getField()).isEqualTo("code");
    assertThat(violation.getDescription()).isEqualTo("failure requested: " + code.name());
  }

  @Test
  void failWithoutMessageSaysWhichCode() {
    StatusRuntimeException e = failure(Status.Code.UNAVAILABLE, () ->
        diagnostics.fail(FailRequest.newBuilder().setCode(Code.UNAVAILABLE).build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("failure requested with code UNAVAILABLE");
  }

  @Test
  void failWithCodeOkSucceeds() {
    assertThat(diagnostics.fail(FailRequest.getDefaultInstance()).getInstance()).isEqualTo("alpha");
  }

  @Test
  void failRejectsANumberThatIsNoStatusCode() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> diagnostics.fail(FailRequest.newBuilder().setCodeValue(42).build()));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("code: 42 is not a gRPC status code (0 to 16)");
  }

  @Test
  void whoAmINamesTheInstance() throws Exception {
    try (RunningSamples other = SampleServers.builder()
        .backends(SampleBackend.DIAGNOSTICS).instanceName("beta").start()) {
      ManagedChannel otherChannel = GrpcTesting.channel(other, SampleBackend.DIAGNOSTICS);
      try {
        assertThat(diagnostics.whoAmI(WhoAmIRequest.getDefaultInstance()).getInstance())
            .isEqualTo("alpha");
        assertThat(DiagnosticsGrpc.newBlockingStub(otherChannel)
            .whoAmI(WhoAmIRequest.getDefaultInstance()).getInstance()).isEqualTo("beta");
      } finally {
        GrpcTesting.shutdown(otherChannel);
      }
    }
  }

  @Test
  void ticksStreamsCountTicksInOrder() {
    List<Integer> sequence = new ArrayList<>();
    diagnostics.ticks(TicksRequest.newBuilder().setCount(50).build())
        .forEachRemaining(tick -> sequence.add(tick.getSequence()));

    assertThat(sequence).hasSize(50).isSorted().startsWith(1).endsWith(50);
  }

  @Test
  void pacedTicksArriveAll() {
    List<Tick> ticks = new ArrayList<>();
    diagnostics.ticks(TicksRequest.newBuilder().setCount(3).setIntervalMillis(5).build())
        .forEachRemaining(ticks::add);

    assertThat(ticks).extracting(Tick::getSequence).containsExactly(1, 2, 3);
    assertThat(ticks).extracting(Tick::getInstance).containsOnly("alpha");
  }

  @Test
  void zeroTicksEndsAtOnce() {
    assertThat(diagnostics.ticks(TicksRequest.getDefaultInstance()).hasNext()).isFalse();
  }

  @Test
  void aCancelledTickStreamIsObservedByTheServer() throws Exception {
    DiagnosticsProbe probe = samples.diagnostics();
    int cancelled = probe.count(Event.TICKS_CANCELLED);
    Context.CancellableContext context = Context.current().withCancellation();

    Iterator<Tick> ticks = context.call(() -> diagnostics.ticks(
        TicksRequest.newBuilder().setCount(1000).setIntervalMillis(50).build()));
    assertThat(ticks.next().getSequence()).isEqualTo(1);
    context.cancel(null);

    assertThat(probe.await(Event.TICKS_CANCELLED, cancelled + 1, WAIT)).isTrue();
  }

  private static <T> StreamObserver<T> observer(CompletableFuture<Throwable> outcome) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {}

      @Override
      public void onError(Throwable t) {
        outcome.complete(t);
      }

      @Override
      public void onCompleted() {
        outcome.complete(null);
      }
    };
  }
}
