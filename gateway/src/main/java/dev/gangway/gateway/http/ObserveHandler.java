package dev.gangway.gateway.http;

import dev.gangway.gateway.client.ClientAddress;
import dev.gangway.gateway.config.AccessLogConfig;
import dev.gangway.gateway.observe.AccessEntry;
import dev.gangway.gateway.observe.AccessLine;
import dev.gangway.gateway.observe.RequestIds;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.gateway.observe.RouteMeters;
import dev.gangway.gateway.observe.Telemetry;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.gateway.routing.RouteKind;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observing stage, first in the chain so that it sees every outcome, the gateway's own
 * refusals included (431, 503 at the in-flight limit): gives the request its id ({@code
 * x-request-id}: the client's, or a new one; echoed in the response), attaches its {@link
 * RequestRecord} and, when the exchange completes, records the request once: in its route's
 * meters (resolved with the snapshot, found by the route's index) or the unmatched meters of its
 * method, and as one access log line when the snapshot's {@code access_log} says so. A WebSocket
 * is recorded when it closes, with its close's code and its whole duration.
 *
 * <p>Immutable and thread-safe. Costs a clock read, an id and an attachment per request; the
 * record runs in the exchange's completion, on its IO thread, and the log line is written by the
 * access log's own thread.
 */
final class ObserveHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ObserveHandler.class);

  private final SnapshotHolder snapshots;
  private final Telemetry telemetry;
  private final HttpHandler next;

  ObserveHandler(SnapshotHolder snapshots, Telemetry telemetry, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long start = System.nanoTime();
    String id = RequestIds.accepted(exchange.getRequestHeaders().getFirst(RequestIds.HEADER))
        .orElseGet(RequestIds::generate);
    RequestRecord record = new RequestRecord(start, System.currentTimeMillis(), id);
    exchange.putAttachment(RequestRecord.KEY, record);
    record.startSpan(telemetry.tracing(), exchange.getRequestHeaders(),
        exchange.getRequestMethod().toString());
    exchange.getResponseHeaders().put(RequestIds.HEADER, id);
    RuntimeSnapshot snapshot = RequestSnapshot.of(exchange, snapshots);
    exchange.addExchangeCompleteListener(new Completion(snapshot, record));
    next.handleRequest(exchange);
  }

  /** Records the request when its exchange completes (a WebSocket's: when it closes). */
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
        RouteMatch match = exchange.getAttachment(Attachments.MATCH);
        RouteMeters meters = match instanceof RouteMatch.Matched matched
            ? snapshot.meters().get(matched.route())
            : telemetry.metrics().unmatched(exchange.getRequestMethod().toString());
        int status = exchange.getStatusCode();
        AccessLogConfig config = snapshot.config().accessLog();
        Seen seen = config.enabled() ? Seen.of(exchange, config) : null;
        if (status == 101 && match instanceof RouteMatch.Matched matched
            && matched.kind() == RouteKind.WEBSOCKET) {
          String path = exchange.getRequestPath();
          record.deferToEnd(() -> guarded(() -> emit(meters, status, path, config, seen)));
        } else {
          emit(meters, status, exchange.getRequestPath(), config, seen);
        }
      } catch (RuntimeException e) {
        failed(e);
      } finally {
        nextListener.proceed();
      }
    }

    private void emit(RouteMeters meters, int status, String path, AccessLogConfig config,
        Seen seen) {
      long nanos = System.nanoTime() - record.startNanos();
      meters.record(status, record, nanos);
      record.endSpan(meters.method(), path, meters.route(), status);
      if (seen == null || !(status >= 400 || config.sampleSuccesses() >= 1
          || ThreadLocalRandom.current().nextDouble() < config.sampleSuccesses())) {
        return;
      }
      telemetry.accessLog().offer(AccessLine.format(config.format(), new AccessEntry(
          record.startMillis(), record.requestId(), record.traceId().or(seen::traceId),
          seen.client(), seen.method(),
          seen.path(), seen.protocol(), meters.route(), status,
          RouteMeters.codeName(record.code()), nanos, seen.bytesIn(), seen.bytesOut(),
          meters.backend(), Optional.ofNullable(record.rejectionOr(status)).map(r -> r.label()),
          seen.userAgent(), seen.headers())));
    }
  }

  private static void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private static void failed(RuntimeException e) {
    // Observing must never cost the request; one line, since it would repeat per request.
    log.warn("recording a request failed: {}", e.toString());
  }

  /**
   * The client address the chain resolved once ({@code ClientAddressHandler}: the peer, or the
   * forwarded client behind {@code server.trusted_proxies}), as rate limits and headers see it.
   */
  private static String client(HttpServerExchange exchange) {
    return ClientAddress.of(exchange).address();
  }

  /**
   * What the access log line takes from the exchange, read when it completes (a WebSocket's
   * exchange is gone by the time the socket closes).
   */
  private record Seen(Optional<String> traceId, String client, String method, String path,
      String protocol, long bytesIn, long bytesOut, Optional<String> userAgent,
      List<String> headers) {

    static Seen of(HttpServerExchange exchange, AccessLogConfig config) {
      HeaderMap request = exchange.getRequestHeaders();
      List<String> headers = new ArrayList<>();
      for (String name : config.headers()) {
        String value = request.getFirst(name);
        if (value != null) {
          headers.add(name);
          headers.add(value);
        }
      }
      return new Seen(RequestIds.traceId(request.getFirst("traceparent")),
          ObserveHandler.client(exchange), exchange.getRequestMethod().toString(),
          exchange.getRequestPath(), exchange.getProtocol().toString(),
          exchange.getRequestContentLength(), exchange.getResponseBytesSent(),
          Optional.ofNullable(request.getFirst(Headers.USER_AGENT)), headers);
    }
  }
}
