package dev.gangway.gateway.auth;

/** The auth or rate-limit configuration cannot be put into service; the message says why. */
public final class AccessSetupException extends Exception {
  public AccessSetupException(String message) {
    super(message);
  }
}
