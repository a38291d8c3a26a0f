package dev.gangway.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.rpc.Code;
import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.reflection.ReflectedDescriptors;
import dev.gangway.gateway.reload.ReloadStatus;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener's handler: {@code GET /healthz}, {@code /readyz}, {@code /metrics}
 * (Prometheus text format), {@code /admin/routes},
 * {@code /admin/status}, {@code /admin/drift} and
 * {@code /admin/explain?method=GET&path=/v1/...}, all JSON and
 * read-only.
 *
 * <p>Thread-safe. Each request reads the serving snapshot once and answers from it alone. Work is
 * dispatched off the IO thread ({@code /admin/status} and {@code /metrics} render the whole
 * snapshot's problems and meters; explain walks the route table, about 0.1 ms); nothing here
 * touches the public listener's threads. Errors are {@code google.rpc.Status} JSON rendered by the
 * snapshot's transcoder, as on the public port.
 *
 * <pre>{@code
 * Undertow.builder().addHttpListener(9090, "127.0.0.1")
 *     .setHandler(new AdminHandler(holder, registry::states, reloadStatus)).build().start();
 * }</pre>
 */
public final class AdminHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
  private static final String JSON = "application/json";
  private static final List<String> ENDPOINTS = List.of(
      "/healthz", "/readyz", "/metrics", "/admin/routes", "/admin/status", "/admin/explain",
      "/admin/drift");
  /** The Prometheus text exposition format (what every Prometheus server scrapes). */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final SnapshotHolder holder;
  private final BackendStates states;
  private final ReloadStatus reloads;
  private final BooleanSupplier stopping;
  private final Supplier<String> metrics;
  private final Optional<ReflectedDescriptors> reflection;
  private final ObjectMapper json =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Which backend serves a service comes from the snapshot's bindings, as on the request path. */
  public AdminHandler(SnapshotHolder holder, BackendStates states, ReloadStatus reloads) {
    this(holder, states, reloads, () -> false);
  }

  /** As above; {@code /readyz} answers 503 once {@code stopping} says the gateway is stopping. */
  public AdminHandler(SnapshotHolder holder, BackendStates states, ReloadStatus reloads,
      BooleanSupplier stopping) {
    this(holder, states, reloads, stopping, () -> "");
  }

  /** As above; {@code /metrics} answers what {@code metrics} writes (Prometheus text format). */
  public AdminHandler(SnapshotHolder holder, BackendStates states, ReloadStatus reloads,
      BooleanSupplier stopping, Supplier<String> metrics) {
    this(holder, states, reloads, stopping, metrics, Optional.empty());
  }

  /**
   * As above; {@code /admin/status} has a {@code reflection} section and {@code /admin/drift}
   * answers, from what {@code reflection} fetched and the drift the serving snapshot found.
   */
  public AdminHandler(SnapshotHolder holder, BackendStates states, ReloadStatus reloads,
      BooleanSupplier stopping, Supplier<String> metrics,
      Optional<ReflectedDescriptors> reflection) {
    this.reflection = Objects.requireNonNull(reflection, "reflection");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.holder = Objects.requireNonNull(holder, "holder");
    this.states = Objects.requireNonNull(states, "states");
    this.reloads = Objects.requireNonNull(reloads, "reloads");
    this.stopping = Objects.requireNonNull(stopping, "stopping");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    RuntimeSnapshot snapshot = holder.current();
    if (!AdminHosts.allowed(exchange.getRequestHeaders().getFirst(Headers.HOST))) {
      error(exchange, snapshot, new TranscodingException(Code.PERMISSION_DENIED, 403,
          "admin: answers only requests addressed to an IP address or localhost"));
      return;
    }
    try {
      serve(exchange, snapshot);
    } catch (JsonProcessingException | RuntimeException e) {
      log.error("admin {} failed", exchange.getRequestPath(), e);
      error(exchange, snapshot,
          GatewayError.ADMIN_INTERNAL.exception());
    }
  }

  private void serve(HttpServerExchange exchange, RuntimeSnapshot snapshot)
      throws JsonProcessingException {
    String path = exchange.getRequestPath();
    if (!ENDPOINTS.contains(path)) {
      error(exchange, snapshot,
          GatewayError.NO_ADMIN_ENDPOINT.exception(path, String.join(", ", ENDPOINTS)));
      return;
    }
    if (!Methods.GET.equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      error(exchange, snapshot,
          GatewayError.METHOD_NOT_ALLOWED.exception(exchange.getRequestMethod(), path, "GET"));
      return;
    }
    switch (path) {
      case "/healthz" -> send(exchange, 200, Map.of("status", "ok"));
      case "/readyz" -> readyz(exchange, snapshot);
      case "/metrics" -> {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROMETHEUS_TEXT);
        exchange.getResponseSender().send(metrics.get());
      }
      case "/admin/routes" -> send(exchange, 200, RoutesView.of(snapshot));
      case "/admin/status" -> send(exchange, 200, StatusView.of(snapshot, states, reloads,
          reflection(snapshot)));
      case "/admin/drift" -> send(exchange, 200,
          new ReflectionView.DriftBody(snapshot.generation(), reflection(snapshot)));
      default -> explain(exchange, snapshot);
    }
  }

  private List<ReflectionView.BackendJson> reflection(RuntimeSnapshot snapshot) {
    return reflection.map(r -> ReflectionView.of(r, snapshot)).orElse(List.of());
  }

  private void readyz(HttpServerExchange exchange, RuntimeSnapshot snapshot)
      throws JsonProcessingException {
    Readiness.Result result = Readiness.check(snapshot, states, stopping.getAsBoolean());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", result.ready() ? "ready" : "not ready");
    body.put("generation", snapshot.generation());
    body.put("routes", snapshot.transcoder().routes().size());
    body.put("backends", result.backends());
    if (!result.ready()) {
      body.put("reasons", result.reasons());
    }
    if (!result.warnings().isEmpty()) {
      body.put("warnings", result.warnings());
    }
    send(exchange, result.ready() ? 200 : 503, body);
  }

  private void explain(HttpServerExchange exchange, RuntimeSnapshot snapshot)
      throws JsonProcessingException {
    String target = parameter(exchange, "path");
    if (target == null || target.isEmpty()) {
      error(exchange, snapshot, GatewayError.ADMIN_MISSING_PATH.exception());
      return;
    }
    String method = parameter(exchange, "method");
    method = method == null || method.isEmpty() ? "GET" : method;
    Deque<String> headers = exchange.getQueryParameters().get("header");
    send(exchange, 200, Explainer.explain(snapshot, method, target,
        headers == null ? List.of() : List.copyOf(headers)));
  }

  /** The first value of a query parameter, decoded by Undertow; null when absent. */
  private static String parameter(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null ? null : values.peekFirst();
  }

  private void send(HttpServerExchange exchange, int status, Object body)
      throws JsonProcessingException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  private static void error(
      HttpServerExchange exchange, RuntimeSnapshot snapshot, TranscodingException failure) {
    RenderedError rendered = snapshot.transcoder().renderError(failure);
    exchange.setStatusCode(rendered.httpStatus());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, rendered.contentType());
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(ByteBuffer.wrap(rendered.body()));
  }
}
