package dev.gangway.samples.pricing;

import dev.gangway.samples.support.Errors;
import dev.gangway.samples.support.ProtoTime;
import dev.gangway.samples.support.Unary;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code gangway.samples.pricing.v1.Pricing} service over a fixed USD price list, converted
 * at fixed rates.
 *
 * <p>Immutable and thread-safe. {@link #seeded(Clock)} gives the demo prices: p-100 34.99 USD,
 * p-200 59.00 USD, p-300 89.50 USD; p-400 has none (NOT_FOUND), so composed endpoints can show a
 * partial failure. EUR is 0.92 and GBP 0.79 of the USD amount, rounded down to a micro.
 */
public final class PricingService extends PricingGrpc.PricingImplBase {

  /** Currency code to millionths of a USD that one unit of it costs in this demo. */
  private static final Map<String, Long> RATE_MICROS =
      Map.of("USD", 1_000_000L, "EUR", 920_000L, "GBP", 790_000L);
  private static final int MAX_BATCH = 100;
  private static final String PRICE_TYPE = Price.getDescriptor().getFullName();

  private final Map<String, Long> usdMicros;
  private final Clock clock;

  /**
   * @param usdMicros product id to its price in millionths of a USD
   * @param clock gives valid_until: the end of the current hour
   */
  public PricingService(Map<String, Long> usdMicros, Clock clock) {
    this.usdMicros = Map.copyOf(usdMicros);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The demo price list. */
  public static PricingService seeded(Clock clock) {
    return new PricingService(
        Map.of("p-100", 34_990_000L, "p-200", 59_000_000L, "p-300", 89_500_000L), clock);
  }

  @Override
  public void getPrice(GetPriceRequest request, StreamObserver<Price> out) {
    Unary.respond(out, () -> {
      if (request.getProductId().isEmpty()) {
        throw Errors.invalidArgument("product_id", "must not be empty");
      }
      String currency = currency(request.getCurrency());
      return price(request.getProductId(), currency, validUntil());
    });
  }

  @Override
  public void batchGetPrices(
      BatchGetPricesRequest request, StreamObserver<BatchGetPricesResponse> out) {
    Unary.respond(out, () -> {
      int count = request.getProductIdsCount();
      if (count == 0 || count > MAX_BATCH) {
        throw Errors.invalidArgument(
            "product_ids", "must hold 1 to " + MAX_BATCH + " ids, got " + count);
      }
      String currency = currency(request.getCurrency());
      Instant validUntil = validUntil();
      BatchGetPricesResponse.Builder response = BatchGetPricesResponse.newBuilder();
      for (String productId : request.getProductIdsList()) {
        response.addPrices(price(productId, currency, validUntil));
      }
      return response.build();
    });
  }

  private Price price(String productId, String currency, Instant validUntil) {
    Long usd = usdMicros.get(productId);
    if (usd == null) {
      throw Errors.notFound(PRICE_TYPE, productId);
    }
    // usd * rate / 1e6 cannot overflow for prices below 9.2e6 USD.
    long amount = usd * RATE_MICROS.get(currency) / 1_000_000L;
    return Price.newBuilder()
        .setProductId(productId)
        .setCurrency(currency)
        .setAmountMicros(amount)
        .setValidUntil(ProtoTime.of(validUntil))
        .build();
  }

  private static String currency(String requested) {
    String currency = requested.isEmpty() ? "USD" : requested;
    if (!RATE_MICROS.containsKey(currency)) {
      throw Errors.invalidArgument(
          "currency", "\"" + requested + "\" is not supported; use USD, EUR or GBP");
    }
    return currency;
  }

  private Instant validUntil() {
    return clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
  }
}
