package dev.gangway.gateway.testing;

import dev.gangway.gateway.compose.CompositeRoutes;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotException;
import dev.gangway.gateway.reload.SnapshotFactory;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal snapshot factory for tests: loads the configured descriptor paths and builds the
 * transcoder; backend bindings are a placeholder until the real factory exists.
 */
public final class DescriptorSnapshotFactory implements SnapshotFactory {
  private final AtomicInteger builds = new AtomicInteger();

  @Override
  public RuntimeSnapshot build(GatewayConfig config, long generation) throws SnapshotException {
    builds.incrementAndGet();
    List<DescriptorSource> sources =
        config.descriptors().paths().stream().map(DescriptorSource::path).toList();
    Transcoder transcoder = Transcoder.build(DescriptorLoader.load(sources), config.transcoding());
    return RuntimeSnapshot.compile(config, transcoder, UnboundBindings.of(config, transcoder),
        CompositeRoutes.EMPTY, List.of(), generation, Instant.now());
  }

  /** How many snapshots were built. */
  public int builds() {
    return builds.get();
  }
}
