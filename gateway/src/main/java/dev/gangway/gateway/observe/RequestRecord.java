package dev.gangway.gateway.observe;

import io.grpc.CallOptions;
import io.opentelemetry.api.trace.Span;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import java.util.Optional;
import io.undertow.util.AttachmentKey;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one request's handlers learn on the way that its response does not say: the gRPC code of
 * the answer, why the gateway refused it, how a composite ended. The chain's observing stage
 * attaches it first and records it, once, when the exchange completes; handlers only note facts
 * here ({@link #noteCode}, {@link #noteRejection}), never touch a meter.
 *
 * <p>Confined to the exchange, whose handlers and callbacks run one at a time (on its IO thread,
 * or a thread the exchange was dispatched to): the notes are plain fields. Only the hand-over of
 * a WebSocket's end ({@link #deferToEnd}, {@link #end}) is thread-safe.
 */
public final class RequestRecord {
  /** The key the observing stage attaches a record under. */
  public static final AttachmentKey<RequestRecord> KEY =
      AttachmentKey.create(RequestRecord.class);
  /**
   * The call option that carries the record to the backend calls made for its request, so that
   * {@link BackendCallObserver} can forward the request id (and the trace) whoever makes the call.
   */
  public static final CallOptions.Key<RequestRecord> CALL_OPTION =
      CallOptions.Key.create("gangway.request");
  /** {@link #code()} when no gRPC status was involved (a static file, a WebSocket handshake). */
  public static final int NO_CODE = -1;

  private final long startNanos;
  private final long startMillis;
  private final String requestId;
  private int code = NO_CODE;
  private Rejection rejection;
  private CompositeResult composite;
  private Tracing tracing = Tracing.off();
  private Span span = Span.getInvalid();
  /** What records a WebSocket's request when it closes; {@link #ENDED} once it has closed. */
  private final AtomicReference<Runnable> atEnd = new AtomicReference<>();
  private static final Runnable ENDED = () -> { };

  public RequestRecord(long startNanos, long startMillis, String requestId) {
    this.startNanos = startNanos;
    this.startMillis = startMillis;
    this.requestId = Objects.requireNonNull(requestId, "requestId");
  }

  /** The record attached to {@code exchange}, or null when none is (an admin or test chain). */
  public static RequestRecord of(HttpServerExchange exchange) {
    return exchange.getAttachment(KEY);
  }

  /** {@code options} carrying the exchange's record, if it has one. */
  public static CallOptions withRecord(CallOptions options, HttpServerExchange exchange) {
    RequestRecord record = exchange.getAttachment(KEY);
    return record == null ? options : options.withOption(CALL_OPTION, record);
  }

  /**
   * Starts the request's server span when {@code tracing} is on (its parent from the request's
   * {@code traceparent}); the backend call observer makes the client spans under it.
   */
  public void startSpan(Tracing tracing, HeaderMap headers, String method) {
    if (tracing.on()) {
      this.tracing = tracing;
      this.span = tracing.startServer(headers, method, requestId);
    }
  }

  /** Ends the server span, if there is one, with what the request came to. */
  public void endSpan(String method, String path, String route, int status) {
    if (span.getSpanContext().isValid()) {
      Tracing.endServer(span, method, path, route, status, code);
    }
  }

  /** The request's trace id: its server span's, when tracing is on. */
  public Optional<String> traceId() {
    return span.getSpanContext().isValid()
        ? Optional.of(span.getSpanContext().getTraceId()) : Optional.empty();
  }

  Tracing tracing() {
    return tracing;
  }

  Span span() {
    return span;
  }

  /** When the request reached the gateway (Unix time, ms), for the access log. */
  public long startMillis() {
    return startMillis;
  }

  /** The request id: the client's {@code x-request-id}, or one the gateway made. */
  public String requestId() {
    return requestId;
  }

  /**
   * Notes the code of a WebSocket's end; for a record whose request became a WebSocket (the
   * exchange is gone, so it is noted on the record itself).
   */
  public void noteEnd(int code) {
    this.code = code;
  }

  /** Records a WebSocket's request once it closes (see {@link #deferToEnd}); runs once. */
  public void end() {
    Runnable run = atEnd.getAndSet(ENDED);
    if (run != null && run != ENDED) {
      run.run();
    }
  }

  /**
   * Holds the request's record back until {@link #end()}: its exchange became a WebSocket. Runs
   * {@code record} at once if the socket has already closed.
   */
  public void deferToEnd(Runnable record) {
    if (!atEnd.compareAndSet(null, record) && atEnd.get() == ENDED) {
      record.run();
    }
  }

  /** {@link System#nanoTime()} when the request reached the gateway's chain. */
  public long startNanos() {
    return startNanos;
  }

  /** The {@code google.rpc.Code} number of the answer, or {@link #NO_CODE}. */
  public int code() {
    return code;
  }

  /** Why the gateway refused the request, or null when it did not. */
  public Rejection rejection() {
    return rejection;
  }

  /** How a composite request ended, or null for other routes. */
  public CompositeResult composite() {
    return composite;
  }

  /** Notes the gRPC code the response carries (the last noted wins). */
  public static void noteCode(HttpServerExchange exchange, int code) {
    RequestRecord record = exchange.getAttachment(KEY);
    if (record != null) {
      record.code = code;
    }
  }

  /** Notes that the gateway refused the request, and why. */
  public static void noteRejection(HttpServerExchange exchange, Rejection rejection) {
    RequestRecord record = exchange.getAttachment(KEY);
    if (record != null) {
      record.rejection = rejection;
    }
  }

  /** Notes how a composite request ended. */
  public static void noteComposite(HttpServerExchange exchange, CompositeResult result) {
    RequestRecord record = exchange.getAttachment(KEY);
    if (record != null) {
      record.composite = result;
    }
  }

  /** The rejection noted, else the one only the gateway's limits answer with this status. */
  public Rejection rejectionOr(int httpStatus) {
    return rejection != null ? rejection : Rejection.ofLimitStatus(httpStatus);
  }

  /**
   * How a composite request ended: the {@code outcome} label of {@code
   * gangway_composite_requests_total}.
   */
  public enum CompositeResult {
    /** Every call answered. */
    OK("ok"),
    /** Optional calls failed; the response says which parts are missing. */
    PARTIAL("partial"),
    /** A required call failed or the deadline passed: an error response. */
    FAILED("failed");

    private final String label;

    CompositeResult(String label) {
      this.label = label;
    }

    /** The metric label value. */
    public String label() {
      return label;
    }
  }
}
