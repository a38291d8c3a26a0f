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
