package dev.gangway.gateway.http;

import dev.gangway.gateway.observe.GatewayMetrics;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.gateway.observe.RouteMeters;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observing stage, first in the chain so that it sees every outcome, the gateway's own
 * refusals included (431, 503 at the in-flight limit): attaches the request's {@link
 * RequestRecord} and, when the exchange completes, records the request once, in its route's
 * meters (resolved with the snapshot, found by the route's index) or in the unmatched meters of
 * its method.
 *
 * <p>Immutable and thread-safe. Costs a clock read and an attachment per request; the record
 * runs in the exchange's completion, on its IO thread, without blocking.
 */
final class ObserveHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ObserveHandler.class);

  private final SnapshotHolder snapshots;
  private final GatewayMetrics metrics;
  private final HttpHandler next;

  ObserveHandler(SnapshotHolder snapshots, GatewayMetrics metrics, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RequestRecord record = new RequestRecord(System.nanoTime());
    exchange.putAttachment(RequestRecord.KEY, record);
    RuntimeSnapshot snapshot = RequestSnapshot.of(exchange, snapshots);
    exchange.addExchangeCompleteListener(new Completion(snapshot, record));
    next.handleRequest(exchange);
  }

  /** Records the request when its exchange completes. */
  private final class Completion implements ExchangeCompletionListener {
    private final RuntimeSnapshot snapshot;
    private final RequestRecord record;

    Completion(RuntimeSnapshot snapshot, RequestRecord record) {
      this.snapshot = snapshot;
      this.record = record;
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
      try {
        long nanos = System.nanoTime() - record.startNanos();
        meters(exchange).record(exchange.getStatusCode(), record, nanos);
      } catch (RuntimeException e) {
        // Observing must never cost the request; one line, since it would repeat per request.
        log.warn("recording a request failed: {}", e.toString());
      } finally {
        nextListener.proceed();
      }
    }

    private RouteMeters meters(HttpServerExchange exchange) {
      RouteMatch match = exchange.getAttachment(Attachments.MATCH);
      if (match instanceof RouteMatch.Matched matched) {
        return snapshot.meters().get(matched.route());
      }
      return metrics.unmatched(exchange.getRequestMethod().toString());
    }
  }
}
