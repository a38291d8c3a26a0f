package dev.gangway.gateway.http;

import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * The snapshot one request is served from: read from the holder by the first handler that asks
 * and attached to the exchange, so that every later handler of the request (static files, then
 * the WebSocket or HTTP routes) sees the same one even when a reload swaps it in between.
 *
 * <p>Stateless and thread-safe.
 */
final class RequestSnapshot {
  private static final AttachmentKey<RuntimeSnapshot> KEY =
      AttachmentKey.create(RuntimeSnapshot.class);

  private RequestSnapshot() {}

  static RuntimeSnapshot of(HttpServerExchange exchange, SnapshotHolder snapshots) {
    RuntimeSnapshot snapshot = exchange.getAttachment(KEY);
    if (snapshot == null) {
      snapshot = snapshots.current();
      exchange.putAttachment(KEY, snapshot);
    }
    return snapshot;
  }

  /** The snapshot already attached; for callbacks that run after {@link #of}. */
  static RuntimeSnapshot attached(HttpServerExchange exchange) {
    RuntimeSnapshot snapshot = exchange.getAttachment(KEY);
    if (snapshot == null) {
      throw new IllegalStateException("no snapshot attached to " + exchange.getRequestURI());
    }
    return snapshot;
  }
}
