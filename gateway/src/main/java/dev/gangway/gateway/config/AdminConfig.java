package dev.gangway.gateway.config;

import java.util.Objects;

/**
 * The admin listener (health, readiness, routes, status, explain).
 *
 * @param bind address to bind (default {@code 127.0.0.1}: admin data is not for the public)
 * @param port TCP port; 0 = ephemeral; -1 = no admin listener (default 9090)
 */
public record AdminConfig(String bind, int port) {
  public AdminConfig {
    Objects.requireNonNull(bind, "bind");
  }

  public static final AdminConfig DEFAULT = new AdminConfig("127.0.0.1", 9090);

  public boolean enabled() {
    return port >= 0;
  }
}
