package dev.gangway.gateway.backend;

import dev.gangway.gateway.config.BackendConfig;
import java.util.Optional;

/**
 * The settings that make a channel: two backends (or two snapshots) with equal keys share one.
 *
 * <p>Immutable. The timeout and the service patterns are not part of it: they are per call.
 */
record ChannelKey(
    String target,
    Optional<BackendConfig.TlsConfig> tls,
    BackendConfig.LoadBalancing loadBalancing,
    Optional<BackendConfig.KeepaliveConfig> keepalive,
    int maxMessageBytes) {

  static ChannelKey of(BackendConfig backend) {
    return new ChannelKey(
        backend.target(),
        backend.tls(),
        backend.loadBalancing(),
        backend.keepalive(),
        backend.maxMessageBytes());
  }
}
