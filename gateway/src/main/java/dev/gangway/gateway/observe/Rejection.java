package dev.gangway.gateway.observe;

/**
 * Why the gateway itself refused a request before any backend saw it: the {@code reason} label of
 * {@code gangway_http_rejections_total}. Backend answers are never rejections, whatever their
 * status; they are counted by {@code gangway_http_server_requests_seconds} with their code.
 *
 * <p>Immutable.
 */
public enum Rejection {
  /** 414: the request target is longer than {@code limits.max_url_size}. */
  URL_TOO_LONG("url_too_long"),
  /** 431: too many or too large header fields ({@code limits.max_header_count}, {@code
   * server.max_header_size}). */
  HEADERS_TOO_LARGE("headers_too_large"),
  /** 413: the body is larger than {@code limits.max_request_body} (or a JSON limit). */
  BODY_TOO_LARGE("body_too_large"),
  /** 408: the body did not arrive within {@code server.read_timeout}. */
  BODY_TIMEOUT("body_timeout"),
  /** 503 with {@code Retry-After}: a gateway-wide budget is spent (requests in flight, buffered
   * bodies, the binding queue, open streams). */
  BUSY("busy"),
  /** 401 from the access policy: no or an invalid credential. */
  UNAUTHENTICATED("unauthenticated"),
  /** 403 from the access policy: a credential that does not meet the route's requirement. */
  PERMISSION_DENIED("permission_denied"),
  /** 429 from the access policy: a rate limit or a concurrent-stream limit is spent. */
  RATE_LIMITED("rate_limited"),
  /** 503 from the access policy: the shared rate-limit store failed and fails closed. */
  RATE_LIMIT_UNAVAILABLE("rate_limit_unavailable"),
  /** Any other refusal by a route policy. */
  POLICY("policy");

  private final String label;

  Rejection(String label) {
    this.label = label;
  }

  /** The metric label value. */
  public String label() {
    return label;
  }

  /** The rejection of a route policy that refused with this {@code google.rpc.Code} number. */
  public static Rejection ofPolicy(int code) {
    return switch (code) {
      case 16 -> UNAUTHENTICATED;
      case 7 -> PERMISSION_DENIED;
      case 8 -> RATE_LIMITED;
      case 14 -> RATE_LIMIT_UNAVAILABLE;
      default -> POLICY;
    };
  }

  /**
   * The limit behind a gateway-made status that only the gateway's limits answer (no gRPC code
   * maps to them), or null for every other status.
   */
  static Rejection ofLimitStatus(int httpStatus) {
    return switch (httpStatus) {
      case 408 -> BODY_TIMEOUT;
      case 413 -> BODY_TOO_LARGE;
      case 414 -> URL_TOO_LONG;
      case 431 -> HEADERS_TOO_LARGE;
      default -> null;
    };
  }
}
