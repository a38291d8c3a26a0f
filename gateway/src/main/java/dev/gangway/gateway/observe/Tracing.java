package dev.gangway.gateway.observe;

import dev.gangway.gateway.config.TracingConfig;
import io.grpc.Metadata;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry tracing of a running gateway: a server span per request (its parent from the
 * request's W3C {@code traceparent}), a client span per backend call (each call of a composite
 * its own), and the client span's {@code traceparent} sent to the backend. Off by default: then
 * no span is made and {@code traceparent} passes through as received.
 *
 * <p>Thread-safe; one per {@code GatewayServer}, closed with it (which exports what is buffered).
 * The SDK is configured from the {@code tracing} section, with the standard {@code OTEL_*}
 * environment variables and {@code otel.*} system properties taking precedence; spans leave
 * through the SDK's batch processor and OTLP/HTTP exporter, never on a request's thread.
 */
public final class Tracing implements AutoCloseable {
  static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> GRPC_CODE = AttributeKey.longKey("rpc.grpc.status_code");
  static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<String> BACKEND = AttributeKey.stringKey("gangway.backend");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("gangway.request_id");
  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TRACESTATE =
      Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER);

  private static final TextMapGetter<HeaderMap> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HeaderMap carrier) {
      List<String> names = new ArrayList<>();
      for (HeaderValues values : carrier) {
        names.add(values.getHeaderName().toString());
      }
      return names;
    }

    @Override
    public String get(HeaderMap carrier, String key) {
      return carrier == null ? null : carrier.getFirst(key);
    }
  };
  private static final TextMapSetter<Metadata> METADATA =
      (carrier, key, value) -> carrier.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER),
          value);

  private final Optional<OpenTelemetrySdk> sdk;
  private final Tracer tracer;
  private final boolean on;
  private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

  private Tracing(Optional<OpenTelemetrySdk> sdk, OpenTelemetry otel, boolean on) {
    this.sdk = sdk;
    this.on = on;
    this.tracer = otel.getTracer("dev.gangway.gateway");
  }

  /** No tracing: no span is made. */
  public static Tracing off() {
    return new Tracing(Optional.empty(), OpenTelemetry.noop(), false);
  }

  /** Tracing through {@code otel} (tests hand in an SDK with their own exporter). */
  public static Tracing with(OpenTelemetry otel) {
    return new Tracing(Optional.empty(), otel, true);
  }

  /** Tracing as {@code config} and the {@code OTEL_*} variables say; off when not enabled. */
  public static Tracing start(TracingConfig config) {
    if (!config.enabled()) {
      return off();
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", config.serviceName());
    defaults.put("otel.traces.exporter", "otlp");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.put("otel.propagators", "tracecontext");
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    config.endpoint().ifPresent(e -> defaults.put("otel.exporter.otlp.endpoint", e));
    defaults.put("otel.traces.sampler", "parentbased_traceidratio");
    defaults.put("otel.traces.sampler.arg", Double.toString(config.sampleRatio()));
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
    return new Tracing(Optional.of(sdk), sdk, true);
  }

  /** The server span of a request, a child of its {@code traceparent} when it has one. */
  Span startServer(HeaderMap headers, String method, String requestId) {
    Context parent = propagator.extract(Context.root(), headers, HEADERS);
    return tracer.spanBuilder(method)
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(HTTP_METHOD, method)
        .setAttribute(REQUEST_ID, requestId)
        .startSpan();
  }

  /** Ends a server span with what the request came to. */
  static void endServer(Span span, String method, String path, String route, int status,
      int code) {
    if (!span.isRecording()) {
      span.end();
      return;
    }
    span.updateName(method + " " + route);
    span.setAttribute(URL_PATH, path);
    span.setAttribute(HTTP_ROUTE, route);
    span.setAttribute(HTTP_STATUS, (long) status);
    if (code >= 0) {
      span.setAttribute(GRPC_CODE, (long) code);
    }
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  /**
   * Starts the client span of a backend call under {@code parent} and puts its {@code
   * traceparent} in the call's metadata, in place of any the header mapping forwarded.
   */
  Span startClient(Span parent, String fullMethod, String backend, Metadata headers) {
    int slash = fullMethod.indexOf('/');
    Span span = tracer.spanBuilder(fullMethod)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.root().with(parent))
        .setAttribute(RPC_SYSTEM, "grpc")
        .setAttribute(RPC_SERVICE, fullMethod.substring(0, Math.max(0, slash)))
        .setAttribute(RPC_METHOD, fullMethod.substring(slash + 1))
        .setAttribute(BACKEND, backend)
        .startSpan();
    headers.discardAll(TRACEPARENT);
    headers.discardAll(TRACESTATE);
    propagator.inject(Context.root().with(span), headers, METADATA);
    return span;
  }

  /** Ends a client span with the call's status. */
  static void endClient(Span span, io.grpc.Status status) {
    span.setAttribute(GRPC_CODE, (long) status.getCode().value());
    if (!status.isOk()) {
      span.setStatus(StatusCode.ERROR, status.getCode().name());
    }
    span.end();
  }

  /** Whether spans are made. */
  public boolean on() {
    return on;
  }

  @Override
  public void close() {
    sdk.ifPresent(s -> s.shutdown().join(5, TimeUnit.SECONDS));
  }
}
