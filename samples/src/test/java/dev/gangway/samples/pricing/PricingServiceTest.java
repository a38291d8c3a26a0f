package dev.gangway.samples.pricing;

import static dev.gangway.samples.GrpcTesting.detail;
import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.rpc.BadRequest;
import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PricingServiceTest {

  private static final Instant NOW = Instant.parse("2025-03-04T10:20:30Z");

  private RunningSamples samples;
  private ManagedChannel channel;
  private PricingGrpc.PricingBlockingStub pricing;

  @BeforeAll
  void start() throws Exception {
    samples = SampleServers.builder()
        .backends(SampleBackend.PRICING)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .start();
    channel = GrpcTesting.channel(samples, SampleBackend.PRICING);
    pricing = PricingGrpc.newBlockingStub(channel);
  }

  @AfterAll
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  @Test
  void pricesInUsdByDefaultValidUntilTheEndOfTheHour() {
    Price price = pricing.getPrice(GetPriceRequest.newBuilder().setProductId("p-100").build());

    assertThat(price.getCurrency()).isEqualTo("USD");
    assertThat(price.getAmountMicros()).isEqualTo(34_990_000L);
    assertThat(price.getValidUntil().getSeconds())
        .isEqualTo(Instant.parse("2025-03-04T11:00:00Z").getEpochSecond());
  }

  @Test
  void convertsToAnotherCurrency() {
    Price price = pricing.getPrice(GetPriceRequest.newBuilder()
        .setProductId("p-200").setCurrency("EUR").build());

    assertThat(price.getAmountMicros()).isEqualTo(54_280_000L);
  }

  @Test
  void rejectsAnUnsupportedCurrency() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT, () -> pricing.getPrice(
        GetPriceRequest.newBuilder().setProductId("p-100").setCurrency("XYZ").build()));

    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("currency");
  }

  @Test
  void aProductWithoutPriceIsNotFound() {
    StatusRuntimeException e = failure(Status.Code.NOT_FOUND,
        () -> pricing.getPrice(GetPriceRequest.newBuilder().setProductId("p-400").build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("price \"p-400\" not found");
  }

  @Test
  void batchGetKeepsRequestOrder() {
    BatchGetPricesResponse response = pricing.batchGetPrices(BatchGetPricesRequest.newBuilder()
        .addProductIds("p-300").addProductIds("p-100").setCurrency("GBP").build());

    assertThat(response.getPricesList()).extracting(Price::getProductId, Price::getAmountMicros)
        .containsExactly(
            tuple("p-300", 70_705_000L),
            tuple("p-100", 27_642_100L));
  }

  @Test
  void batchGetFailsWholeWhenOneProductIsUnknown() {
    StatusRuntimeException e = failure(Status.Code.NOT_FOUND, () -> pricing.batchGetPrices(
        BatchGetPricesRequest.newBuilder().addProductIds("p-100").addProductIds("p-400").build()));

    assertThat(e.getStatus().getDescription()).contains("p-400");
  }

  @Test
  void batchGetNeedsIds() {
    failure(Status.Code.INVALID_ARGUMENT,
        () -> pricing.batchGetPrices(BatchGetPricesRequest.getDefaultInstance()));
  }
}
