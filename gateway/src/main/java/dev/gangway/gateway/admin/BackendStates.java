package dev.gangway.gateway.admin;

import java.util.Map;

/**
 * The connectivity of each backend's channel, as the admin endpoints report it.
 *
 * <p>Implementations are thread-safe and cheap (called per admin request); the gateway adapts its
 * channel registry to this, so that admin does not depend on how channels are kept.
 */
@FunctionalInterface
public interface BackendStates {

  /**
   * Backend name to the name of its channel's {@code io.grpc.ConnectivityState} ({@code IDLE},
   * {@code CONNECTING}, {@code READY}, {@code TRANSIENT_FAILURE}, {@code SHUTDOWN}), read without
   * asking the channel to connect. A backend without a channel is absent.
   */
  Map<String, String> states();
}
