package dev.gangway.gateway.reload;

import dev.gangway.gateway.config.GatewayConfig;

/**
 * Builds a complete snapshot from a configuration: loads descriptors, compiles the transcoder,
 * binds methods to backend channels (reusing channels that are still named).
 *
 * <p>Thread-safe; called at start and by the reloader, never on the request path.
 */
public interface SnapshotFactory {

  /**
   * @param generation the generation number the new snapshot gets
   * @throws SnapshotException when the result must not replace a serving snapshot (e.g. no
   *     descriptor could be loaded at all); problems in single files or rules are reported in the
   *     transcoder instead
   */
  RuntimeSnapshot build(GatewayConfig config, long generation) throws SnapshotException;
}
