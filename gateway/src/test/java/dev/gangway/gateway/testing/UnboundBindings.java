package dev.gangway.gateway.testing;

import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.backend.BackendSetupException;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.transcoder.Transcoder;
import java.util.List;

/** Backend bindings that open no channel, for snapshots in tests that never call a backend. */
public final class UnboundBindings {
  private UnboundBindings() {}

  /** Binds every method as "no backend"; opens nothing. */
  public static BackendBindings of(GatewayConfig config, Transcoder transcoder) {
    GatewayConfig noBackends = config.toBuilder().backends(List.of()).routes(List.of()).build();
    try (ChannelRegistry none = new ChannelRegistry()) {
      return BackendBindings.build(noBackends, transcoder, none);
    } catch (BackendSetupException e) {
      throw new IllegalStateException(e);
    }
  }
}
