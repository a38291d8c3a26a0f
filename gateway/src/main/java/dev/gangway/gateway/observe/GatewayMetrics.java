package dev.gangway.gateway.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's meter registry and the names of its meters: one per {@code GatewayServer}, it
 * outlives snapshots (so a reload keeps the counts), writes the Prometheus text format for the
 * admin listener's {@code /metrics}, and carries the JVM and process meters. Per-route and
 * per-backend-method meters are resolved through it when a snapshot is built ({@link #route},
 * {@link #backend}); nothing on the request path asks it for a meter by name.
 *
 * <p>Thread-safe. Every metric name and label is listed in docs/operations.md#metrics, which a
 * test keeps in step with what {@code /metrics} shows.
 */
public final class GatewayMetrics implements AutoCloseable {
  /** Latency buckets (classic Prometheus histogram): 1 ms to 30 s, 14 bounds and {@code +Inf}. */
  static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    Duration.ofSeconds(10), Duration.ofSeconds(30)};
  /** The {@code route} label of requests no route matched (404, 405, refused before matching). */
  public static final String UNMATCHED = "unmatched";
  private static final String REQUESTS = "gangway.http.server.requests";
  private static final String REJECTIONS = "gangway.http.rejections";
  private static final String COMPOSITES = "gangway.composite.requests";
  private static final String BACKEND_CALLS = "gangway.backend.calls";
  private static final List<String> KNOWN_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MeterRegistry registry;
  private final Optional<PrometheusMeterRegistry> prometheus;
  private final List<AutoCloseable> binders = new CopyOnWriteArrayList<>();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
  private final RouteMeters[] unmatched;

  private GatewayMetrics(MeterRegistry registry, Optional<PrometheusMeterRegistry> prometheus) {
    this.registry = registry;
    this.prometheus = prometheus;
    unmatched = new RouteMeters[KNOWN_METHODS.size() + 1];
    for (int i = 0; i < KNOWN_METHODS.size(); i++) {
      unmatched[i] = route(KNOWN_METHODS.get(i), UNMATCHED, Optional.empty());
    }
    unmatched[KNOWN_METHODS.size()] = route("other", UNMATCHED, Optional.empty());
  }

  /** Metrics in the Prometheus registry, with the JVM and process meters bound. */
  public static GatewayMetrics prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry, Optional.of(registry));
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    metrics.binders.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return metrics;
  }

  /** Meters that count nothing (a registry with no backing store): for snapshots built in tests. */
  public static GatewayMetrics none() {
    return new GatewayMetrics(new CompositeMeterRegistry(), Optional.empty());
  }

  /** Whether meters count (false for {@link #none()}, whose meters do nothing). */
  public boolean counting() {
    return prometheus.isPresent();
  }

  /** The registry, for binding more meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The meters of a route, labelled with its HTTP method and its template; {@code backend} is
   * the backend of its method, if any.
   */
  public RouteMeters route(String method, String route, Optional<String> backend) {
    return new RouteMeters(this, Objects.requireNonNull(method, "method"),
        Objects.requireNonNull(route, "route"), Objects.requireNonNull(backend, "backend"));
  }

  /**
   * The meters of requests no route matched, by their HTTP method: one of the common methods or
   * {@code other}, so that a client cannot make up label values.
   */
  public RouteMeters unmatched(String requestMethod) {
    return switch (requestMethod) {
      case "GET" -> unmatched[0];
      case "HEAD" -> unmatched[1];
      case "POST" -> unmatched[2];
      case "PUT" -> unmatched[3];
      case "PATCH" -> unmatched[4];
      case "DELETE" -> unmatched[5];
      case "OPTIONS" -> unmatched[6];
      default -> unmatched[7];
    };
  }

  /** The meters of calls to a backend method ({@code package.Service/Method}). */
  public BackendMeters backend(String backend, String method) {
    return new BackendMeters(this, Objects.requireNonNull(backend, "backend"),
        Objects.requireNonNull(method, "method"));
  }

  Timer requestTimer(String method, String route, String statusClass, String code) {
    return Timer.builder(REQUESTS)
        .description("HTTP requests served, by route template, status class and gRPC code")
        .tags("method", method, "route", route, "status_class", statusClass, "grpc_code", code)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  Counter rejectionCounter(String method, String route, Rejection rejection) {
    return Counter.builder(REJECTIONS)
        .description("Requests the gateway refused itself (limits, authentication, rate limits)")
        .tags("method", method, "route", route, "reason", rejection.label())
        .register(registry);
  }

  Counter compositeCounter(
      String method, String route, RequestRecord.CompositeResult result) {
    return Counter.builder(COMPOSITES)
        .description("Composite requests by outcome: ok, partial (optional parts missing), failed")
        .tags("method", method, "route", route, "outcome", result.label())
        .register(registry);
  }

  Timer backendTimer(String backend, String method, String code) {
    return Timer.builder(BACKEND_CALLS)
        .description("gRPC calls to backends, by backend, method and gRPC code")
        .tags("backend", backend, "method", method, "grpc_code", code)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  /** The labels of one route's meters. */
  public record RouteLabels(String method, String route) {}

  /** The labels of one backend method's meters ({@code package.Service/Method}). */
  public record BackendLabels(String backend, String method) {}

  /**
   * Removes the series of routes and backend methods the serving snapshot no longer has, so that
   * reloads that rename or drop routes (or backends) do not grow {@code /metrics} without bound;
   * what it still serves keeps its series and counts. Requests still finishing on an older
   * snapshot record into meters that are no longer scraped. Called after every reload attempt.
   */
  public void retainOnly(Set<RouteLabels> routes, Set<BackendLabels> backendMethods) {
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      boolean gone = switch (id.getName()) {
        case REQUESTS, REJECTIONS, COMPOSITES -> !UNMATCHED.equals(id.getTag("route"))
            && !routes.contains(new RouteLabels(id.getTag("method"), id.getTag("route")));
        case BACKEND_CALLS ->
            !backendMethods.contains(new BackendLabels(id.getTag("backend"), id.getTag("method")));
        default -> false;
      };
      if (gone) {
        registry.remove(meter);
      }
    }
  }

  /** A gauge read at every scrape. */
  public void gauge(String name, String description, Tags tags, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).tags(tags).register(registry);
  }

  /** A counter whose value {@code count} reads from {@code source} at every scrape. */
  public <T> void functionCounter(String name, String description, Tags tags, T source,
      ToDoubleFunction<T> count) {
    FunctionCounter.builder(name, source, count).description(description).tags(tags)
        .register(registry);
  }

  /** A gauge with one row per label set, set anew by {@code refresh} before every scrape. */
  public MultiGauge multiGauge(String name, String description) {
    return MultiGauge.builder(name).description(description).register(registry);
  }

  /** Runs {@code refresh} before every scrape (to set a {@link MultiGauge}'s rows). */
  public void beforeScrape(Runnable refresh) {
    beforeScrape.add(Objects.requireNonNull(refresh, "refresh"));
  }

  /** Every meter in the Prometheus text format (version 0.0.4); empty for {@link #none()}. */
  public String scrape() {
    beforeScrape.forEach(Runnable::run);
    return prometheus.map(PrometheusMeterRegistry::scrape).orElse("");
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // a JVM listener that cannot be removed goes with the JVM
      }
    }
    registry.close();
  }
}
