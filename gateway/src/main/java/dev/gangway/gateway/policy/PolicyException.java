package dev.gangway.gateway.policy;

/**
 * A policy's config cannot be applied to a snapshot's routes; the message names the config key and
 * the problem, like a config error, and becomes the snapshot's failure.
 */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }
}
