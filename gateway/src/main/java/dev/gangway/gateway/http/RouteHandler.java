package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.gateway.routing.RawPath;
import dev.gangway.gateway.routing.RouteMatch;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the current snapshot (once per request) and matches the request, once, against the
 * snapshot's one table of every kind of route: attaches the {@link RouteMatch} (whatever its
 * outcome) as {@link Attachments#MATCH} and hands on to the policy stage.
 *
 * <p>Immutable and thread-safe.
 */
final class RouteHandler implements HttpHandler {
  private final SnapshotHolder snapshots;
  private final HttpHandler next;

  RouteHandler(SnapshotHolder snapshots, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.of(exchange, snapshots);
    Optional<RpcWire> wire = RpcWire.of(exchange.getRequestHeaders());
    RouteMatch match;
    if (wire.isPresent()) {
      // gRPC-Web and Connect: routed by content type to /package.Service/Method, and every
      // error from here on in the protocol's own format.
      exchange.putAttachment(Attachments.RPC_WIRE, wire.get());
      exchange.putAttachment(Responses.ERROR_FORMAT, RpcResponses.format(wire.get()));
      match = snapshot.routes().matchRpc(
          exchange.getRequestMethod().toString(), RawPath.of(exchange));
    } else {
      match = snapshot.routes().match(
          exchange.getRequestMethod().toString(), RawPath.of(exchange), isUpgrade(exchange));
    }
    exchange.putAttachment(Attachments.MATCH, match);
    next.handleRequest(exchange);
  }

  /**
   * A WebSocket opening handshake: {@code GET} with {@code websocket} among the {@code Upgrade}
   * header's tokens (RFC 6455 section 4.1). Whether the rest of the handshake is valid is
   * Undertow's to decide, after routing.
   */
  static boolean isUpgrade(HttpServerExchange exchange) {
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      return false;
    }
    HeaderValues values = exchange.getRequestHeaders().get(Headers.UPGRADE);
    if (values == null) {
      return false;
    }
    for (String value : values) {
      int start = 0;
      while (start <= value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        if (value.substring(start, end).trim().equalsIgnoreCase("websocket")) {
          return true;
        }
        start = end + 1;
      }
    }
    return false;
  }
}
