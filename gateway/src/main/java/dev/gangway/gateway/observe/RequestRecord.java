package dev.gangway.gateway.observe;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * What one request's handlers learn on the way that its response does not say: the gRPC code of
 * the answer, why the gateway refused it, how a composite ended. The chain's observing stage
 * attaches it first and records it, once, when the exchange completes; handlers only note facts
 * here ({@link #noteCode}, {@link #noteRejection}), never touch a meter.
 *
 * <p>Not thread-safe: confined to the exchange, whose handlers and callbacks run one at a time
 * (on its IO thread, or a thread the exchange was dispatched to). The notes are plain fields.
 */
public final class RequestRecord {
  /** The key the observing stage attaches a record under. */
  public static final AttachmentKey<RequestRecord> KEY =
      AttachmentKey.create(RequestRecord.class);
  /** {@link #code()} when no gRPC status was involved (a static file, a WebSocket handshake). */
  public static final int NO_CODE = -1;

  private final long startNanos;
  private int code = NO_CODE;
  private Rejection rejection;
  private CompositeResult composite;

  public RequestRecord(long startNanos) {
    this.startNanos = startNanos;
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
  Rejection rejectionOr(int httpStatus) {
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
