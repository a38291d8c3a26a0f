package dev.gangway.gateway.testing;

import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.compose.CompositeRoutes;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotException;
import dev.gangway.transcoder.Transcoder;
import java.time.Instant;
import java.util.List;

/** Runtime snapshots without composites, compiled as the gateway compiles them. */
public final class TestSnapshots {
  private TestSnapshots() {}

  public static RuntimeSnapshot of(GatewayConfig config, Transcoder transcoder,
      BackendBindings backends, long generation, Instant builtAt) {
    try {
      return RuntimeSnapshot.compile(
          config, transcoder, backends, CompositeRoutes.EMPTY, List.of(), generation, builtAt);
    } catch (SnapshotException e) {
      throw new IllegalStateException(e);
    }
  }
}
