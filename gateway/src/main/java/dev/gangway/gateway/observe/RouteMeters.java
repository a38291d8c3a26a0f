package dev.gangway.gateway.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one route (or of the unmatched requests of one HTTP method): requests with their
 * latency by status class and gRPC code, the gateway's rejections by reason, composite outcomes.
 * Built for every route when a snapshot is built, with the route's labels fixed; a request then
 * finds its meter by two array indexes, never by a lookup on label strings. Each meter is
 * registered on first use (a route sees few of the 6 x 18 class/code pairs); the registry returns
 * the same meter for the same labels, so a reload keeps counting where the last snapshot stopped.
 *
 * <p>Thread-safe.
 */
public final class RouteMeters {
  private static final int CLASSES = 6;
  private static final int CODES = 18;
  private static final String[] CLASS_LABELS = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

  private final GatewayMetrics metrics;
  private final String method;
  private final String route;
  private final Optional<String> backend;
  private final AtomicReferenceArray<Timer> requests =
      new AtomicReferenceArray<>(CLASSES * CODES);
  private final AtomicReferenceArray<Counter> rejections =
      new AtomicReferenceArray<>(Rejection.values().length);
  private final AtomicReferenceArray<Counter> composites =
      new AtomicReferenceArray<>(RequestRecord.CompositeResult.values().length);

  RouteMeters(GatewayMetrics metrics, String method, String route, Optional<String> backend) {
    this.metrics = metrics;
    this.method = method;
    this.route = route;
    this.backend = backend;
  }

  /** The {@code method} label. */
  public String method() {
    return method;
  }

  /** The {@code route} label: the route's template, never the request's path. */
  public String route() {
    return route;
  }

  /** The backend of the route's method, when it has one (for the access log, not a label). */
  public Optional<String> backend() {
    return backend;
  }

  /** Records one finished request: its status, what its handlers noted, how long it took. */
  public void record(int httpStatus, RequestRecord record, long nanos) {
    int statusClass = httpStatus >= 100 && httpStatus < 600 ? httpStatus / 100 : 0;
    int code = record.code() >= 0 && record.code() < CODES - 1 ? record.code() : CODES - 1;
    int index = statusClass * CODES + code;
    Timer timer = requests.get(index);
    if (timer == null) {
      timer = metrics.requestTimer(method, route, CLASS_LABELS[statusClass], codeName(code));
      requests.set(index, timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
    Rejection rejection = record.rejectionOr(httpStatus);
    if (rejection != null) {
      Counter counter = rejections.get(rejection.ordinal());
      if (counter == null) {
        counter = metrics.rejectionCounter(method, route, rejection);
        rejections.set(rejection.ordinal(), counter);
      }
      counter.increment();
    }
    RequestRecord.CompositeResult composite = record.composite();
    if (composite != null) {
      Counter counter = composites.get(composite.ordinal());
      if (counter == null) {
        counter = metrics.compositeCounter(method, route, composite);
        composites.set(composite.ordinal(), counter);
      }
      counter.increment();
    }
  }

  /** The {@code grpc_code} label of a {@code google.rpc.Code} number: its name, or {@code none}. */
  public static String codeName(int code) {
    return code >= 0 && code < CODES - 1 ? io.grpc.Status.Code.values()[code].name() : "none";
  }
}
