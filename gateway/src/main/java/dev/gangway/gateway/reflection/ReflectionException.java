package dev.gangway.gateway.reflection;

/**
 * A fetch by server reflection failed: the backend serves no reflection, the call failed, or the
 * backend passed a bound. The message is one line for the log and {@code /admin/status}.
 */
public final class ReflectionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReflectionException(String message) {
    super(message, null, false, false);
  }
}
