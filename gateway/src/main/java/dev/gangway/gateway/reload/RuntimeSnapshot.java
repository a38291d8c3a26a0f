package dev.gangway.gateway.reload;

import dev.gangway.gateway.access.AccessPolicy;
import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.compose.CompositeRoutes;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.transcoder.Transcoder;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything one request needs, built off the request path and swapped whole on reload: the
 * configuration, the transcoder (routes, plans, codec), the backend binding of every method and the
 * compiled composite routes, and who may call what ({@link AccessPolicy}).
 *
 * <p>Immutable and thread-safe. A handler reads {@link SnapshotHolder#current()} once and uses that
 * snapshot for the whole request, so a reload never tears a request.
 *
 * @param generation 1 for the first snapshot, +1 per successful reload
 */
public record RuntimeSnapshot(
    GatewayConfig config,
    Transcoder transcoder,
    BackendBindings backends,
    CompositeRoutes composites,
    AccessPolicy access,
    long generation,
    Instant builtAt) {

  public RuntimeSnapshot {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(transcoder, "transcoder");
    Objects.requireNonNull(backends, "backends");
    Objects.requireNonNull(composites, "composites");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(builtAt, "builtAt");
  }

  /** A snapshot without composite routes. */
  public RuntimeSnapshot(GatewayConfig config, Transcoder transcoder, BackendBindings backends,
      long generation, Instant builtAt) {
    this(config, transcoder, backends, CompositeRoutes.EMPTY, generation, builtAt);
  }

  /** A snapshot whose routes are all public and unlimited. */
  public RuntimeSnapshot(GatewayConfig config, Transcoder transcoder, BackendBindings backends,
      CompositeRoutes composites, long generation, Instant builtAt) {
    this(config, transcoder, backends, composites, AccessPolicy.open(), generation, builtAt);
  }
}
