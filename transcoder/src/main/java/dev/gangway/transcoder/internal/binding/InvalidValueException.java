package dev.gangway.transcoder.internal.binding;

/**
 * A text that does not parse as the value of its field's type; the reason reads
 * {@code "abc" is not a valid int32} and the caller prefixes the parameter or variable.
 *
 * <p>Carries no stack trace: it is an expected outcome on the request path.
 */
final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidValueException(String reason) {
    super(reason, null, false, false);
  }

  /** {@code "<text>" is not a valid <what>}. */
  static InvalidValueException notA(String text, String what) {
    return new InvalidValueException(Quoting.quote(text) + " is not a valid " + what);
  }
}
