package dev.gangway.transcoder.internal.routing;

/**
 * An HTTP rule that cannot be served: the spec forbids it or it names a field the message lacks.
 * The message names the template and the problem; the caller adds the method.
 */
public final class InvalidRuleException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidRuleException(String message) {
    super(message, null, false, false);
  }
}
