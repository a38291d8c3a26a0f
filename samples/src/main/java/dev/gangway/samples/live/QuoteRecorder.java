package dev.gangway.samples.live;

import dev.gangway.samples.support.Errors;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One RecordQuotes call: takes quotes as they arrive and answers with a summary per symbol when
 * the client has finished. The first invalid quote fails the call (INVALID_ARGUMENT naming it,
 * counting from 1); what comes after is ignored.
 *
 * <p>Not thread-safe; gRPC calls a request observer from one thread at a time.
 */
final class QuoteRecorder implements StreamObserver<Quote> {
  private final StreamObserver<RecordSummary> out;
  private final Map<String, SymbolSummary.Builder> symbols = new LinkedHashMap<>();
  private int count;
  private boolean failed;

  QuoteRecorder(StreamObserver<RecordSummary> out) {
    this.out = out;
  }

  @Override
  public void onNext(Quote quote) {
    if (failed) {
      return;
    }
    String where = "quote " + (count + 1);
    try {
      String symbol = Symbols.normalize(quote.getSymbol(), where + ": symbol");
      double price = quote.getPrice();
      if (!(price > 0) || Double.isInfinite(price)) {
        throw Errors.invalidArgument(where + ": price", "must be more than 0, got " + price);
      }
      add(symbol, price);
    } catch (StatusRuntimeException e) {
      failed = true;
      out.onError(e);
    }
  }

  private void add(String symbol, double price) {
    count++;
    SymbolSummary.Builder summary = symbols.get(symbol);
    if (summary == null) {
      summary = SymbolSummary.newBuilder().setSymbol(symbol).setFirst(price).setLow(price)
          .setHigh(price);
      symbols.put(symbol, summary);
    }
    summary.setCount(summary.getCount() + 1)
        .setLast(price)
        .setLow(Math.min(summary.getLow(), price))
        .setHigh(Math.max(summary.getHigh(), price));
  }

  @Override
  public void onError(Throwable t) {
    // The client went away: there is nobody to answer.
    failed = true;
  }

  @Override
  public void onCompleted() {
    if (failed) {
      return;
    }
    RecordSummary.Builder summary = RecordSummary.newBuilder().setCount(count);
    symbols.values().forEach(summary::addSymbols);
    out.onNext(summary.build());
    out.onCompleted();
  }
}
