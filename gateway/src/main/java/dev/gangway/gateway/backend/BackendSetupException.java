package dev.gangway.gateway.backend;

/**
 * A backend whose settings cannot be turned into a channel; the message names the backend and the
 * setting or file (e.g. {@code backend "echo": tls.caFile /etc/ca.pem cannot be read}).
 */
public final class BackendSetupException extends Exception {
  private static final long serialVersionUID = 1L;

  public BackendSetupException(String message) {
    super(message, null, false, false);
  }
}
