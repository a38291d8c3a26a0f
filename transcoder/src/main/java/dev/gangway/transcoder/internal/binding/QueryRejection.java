package dev.gangway.transcoder.internal.binding;

/**
 * Why a query parameter name cannot set a field. {@link #unknown()} marks names that match no
 * field, which the unknown-parameter policy may drop; every other rejection is always a 400.
 *
 * <p>Carries no stack trace: it is an expected outcome on the request path.
 */
final class QueryRejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean unknown;

  private QueryRejection(String message, boolean unknown) {
    super(message, null, false, false);
    this.unknown = unknown;
  }

  /** {@code unknown query parameter "colour"}. */
  static QueryRejection unknown(String name) {
    return new QueryRejection("unknown query parameter " + Quoting.quote(name), true);
  }

  /** {@code query parameter <name>: <reason>}. */
  static QueryRejection of(String name, String reason) {
    return new QueryRejection("query parameter " + name + ": " + reason, false);
  }

  boolean unknown() {
    return unknown;
  }
}
