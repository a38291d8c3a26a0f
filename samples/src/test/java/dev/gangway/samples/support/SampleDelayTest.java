package dev.gangway.samples.support;

import static dev.gangway.samples.GrpcTesting.detail;
import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import dev.gangway.samples.catalog.CatalogGrpc;
import dev.gangway.samples.catalog.GetProductRequest;
import dev.gangway.samples.catalog.Product;
import dev.gangway.samples.diagnostics.DiagnosticsGrpc;
import dev.gangway.samples.diagnostics.EchoRequest;
import dev.gangway.samples.diagnostics.EchoResponse;
import dev.gangway.samples.pricing.GetPriceRequest;
import dev.gangway.samples.pricing.PricingGrpc;
import dev.gangway.samples.support.CallProbe.Phase;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The {@code x-sample-delay-ms} header and the builder's default delay, on real servers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleDelayTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final GetProductRequest KETTLE =
      GetProductRequest.newBuilder().setId("p-100").build();

  private RunningSamples samples;
  private ManagedChannel catalogChannel;
  private ManagedChannel diagnosticsChannel;
  private CatalogGrpc.CatalogBlockingStub catalog;
  private CallProbe delays;

  @BeforeAll
  void start() throws Exception {
    samples = SampleServers.builder()
        .backends(SampleBackend.CATALOG, SampleBackend.DIAGNOSTICS)
        .start();
    catalogChannel = GrpcTesting.channel(samples, SampleBackend.CATALOG);
    diagnosticsChannel = GrpcTesting.channel(samples, SampleBackend.DIAGNOSTICS);
    catalog = CatalogGrpc.newBlockingStub(catalogChannel);
    delays = samples.delays(SampleBackend.CATALOG);
  }

  @AfterAll
  void stop() throws Exception {
    GrpcTesting.shutdown(catalogChannel);
    GrpcTesting.shutdown(diagnosticsChannel);
    samples.close();
  }

  private static <S extends AbstractStub<S>> S delayed(S stub, String millis) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of(SampleDelay.HEADER, Metadata.ASCII_STRING_MARSHALLER), millis);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Test
  void aDelayedCallAnswersAfterItsWaitAndIsCounted() {
    int started = delays.count(Phase.STARTED);
    int completed = delays.count(Phase.COMPLETED);

    Product product = delayed(catalog, "20").getProduct(KETTLE);

    assertThat(product.getName()).isEqualTo("Stovetop Kettle");
    assertThat(delays.count(Phase.STARTED)).isEqualTo(started + 1);
    assertThat(delays.count(Phase.COMPLETED)).isEqualTo(completed + 1);
  }

  @Test
  void aCallWithoutTheHeaderIsNotDelayed() {
    int started = delays.count(Phase.STARTED);

    catalog.getProduct(KETTLE);

    assertThat(delays.count(Phase.STARTED)).isEqualTo(started);
  }

  @Test
  void anErrorArrivesAfterTheDelay() {
    int completed = delays.count(Phase.COMPLETED);

    StatusRuntimeException e = failure(Status.Code.NOT_FOUND, () -> delayed(catalog, "10")
        .getProduct(GetProductRequest.newBuilder().setId("p-999").build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("product \"p-999\" not found");
    assertThat(delays.count(Phase.COMPLETED)).isEqualTo(completed + 1);
  }

  @Test
  void theDelayedAnswerStillSeesTheCallsContext() {
    CallProbe diagnosticsDelays = samples.delays(SampleBackend.DIAGNOSTICS);
    int completed = diagnosticsDelays.count(Phase.COMPLETED);

    EchoResponse response = delayed(DiagnosticsGrpc.newBlockingStub(diagnosticsChannel), "10")
        .echo(EchoRequest.newBuilder().setMessage("late").build());

    assertThat(response.getMetadataMap().get(SampleDelay.HEADER).getValuesList())
        .containsExactly("10");
    assertThat(diagnosticsDelays.count(Phase.COMPLETED)).isEqualTo(completed + 1);
  }

  @Test
  void aCallCancelledWhileDelayedIsObservedByTheServer() throws Exception {
    int started = delays.count(Phase.STARTED);
    int cancelled = delays.count(Phase.CANCELLED);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Context.CancellableContext context = Context.current().withCancellation();

    context.run(() -> delayed(CatalogGrpc.newStub(catalogChannel), "60000")
        .getProduct(KETTLE, observer(outcome)));
    assertThat(delays.await(Phase.STARTED, started + 1, WAIT)).isTrue();
    context.cancel(null);

    assertThat(delays.await(Phase.CANCELLED, cancelled + 1, WAIT)).isTrue();
    assertThat(Status.fromThrowable(outcome.get(10, TimeUnit.SECONDS)).getCode())
        .isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void anExpiredDeadlineCancelsTheDelay() throws Exception {
    int cancelled = delays.count(Phase.CANCELLED);

    failure(Status.Code.DEADLINE_EXCEEDED, () -> delayed(catalog, "60000")
        .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
        .getProduct(KETTLE));

    assertThat(delays.await(Phase.CANCELLED, cancelled + 1, WAIT)).isTrue();
  }

  @Test
  void delayedCallsWaitTogetherWithoutHoldingThreads() throws Exception {
    int started = delays.count(Phase.STARTED);
    int cancelled = delays.count(Phase.CANCELLED);
    delays.resetMaxInFlight();
    Context.CancellableContext context = Context.current().withCancellation();
    List<CompletableFuture<Throwable>> outcomes = new ArrayList<>();

    // More calls than the server has timer threads (one): each waits on a timer, not a thread.
    for (int i = 0; i < 5; i++) {
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      outcomes.add(outcome);
      context.run(() -> delayed(CatalogGrpc.newStub(catalogChannel), "60000")
          .getProduct(KETTLE, observer(outcome)));
    }
    assertThat(delays.await(Phase.STARTED, started + 5, WAIT)).isTrue();
    assertThat(delays.inFlight()).isEqualTo(5);
    assertThat(delays.maxInFlight()).isEqualTo(5);
    context.cancel(null);

    assertThat(delays.await(Phase.CANCELLED, cancelled + 5, WAIT)).isTrue();
    assertThat(delays.inFlight()).isZero();
    for (CompletableFuture<Throwable> outcome : outcomes) {
      assertThat(Status.fromThrowable(outcome.get(10, TimeUnit.SECONDS)).getCode())
          .isEqualTo(Status.Code.CANCELLED);
    }
  }

  @Test
  void rejectsADelayThatIsNotANumber() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> delayed(catalog, "soon").getProduct(KETTLE));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("x-sample-delay-ms: \"soon\" is not a number of milliseconds");
    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField())
        .isEqualTo("x-sample-delay-ms");
  }

  @Test
  void rejectsADelayBeyondTheLimit() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> delayed(catalog, "60001").getProduct(KETTLE));

    assertThat(e.getStatus().getDescription())
        .isEqualTo("x-sample-delay-ms: must be between 0 and 60000, got 60001");
  }

  @Test
  void theBuilderDelayAppliesWithoutTheHeaderAndTheHeaderOverridesIt() throws Exception {
    try (RunningSamples slow = SampleServers.builder()
        .backends(SampleBackend.PRICING)
        .delay(SampleBackend.PRICING, Duration.ofSeconds(60))
        .start()) {
      ManagedChannel channel = GrpcTesting.channel(slow, SampleBackend.PRICING);
      try {
        CallProbe probe = slow.delays(SampleBackend.PRICING);
        GetPriceRequest request = GetPriceRequest.newBuilder().setProductId("p-100").build();

        assertThat(delayed(PricingGrpc.newBlockingStub(channel), "0").getPrice(request)
            .getAmountMicros()).isEqualTo(34_990_000L);
        assertThat(probe.count(Phase.STARTED)).isZero();

        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> PricingGrpc.newStub(channel).getPrice(request, observer(outcome)));
        assertThat(probe.await(Phase.STARTED, 1, WAIT)).isTrue();
        assertThat(probe.count(Phase.COMPLETED)).isZero();
        context.cancel(null);
        assertThat(probe.await(Phase.CANCELLED, 1, WAIT)).isTrue();
      } finally {
        GrpcTesting.shutdown(channel);
      }
    }
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
