package dev.gangway.gateway.config;

/**
 * A configuration that cannot be used; the message names the key (e.g.
 * {@code backends[1].timeout: "5 seconds" is not a duration (use 500ms, 5s, 1m)}).
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
