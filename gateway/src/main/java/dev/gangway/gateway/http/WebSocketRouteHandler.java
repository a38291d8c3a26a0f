package dev.gangway.gateway.http;

import com.google.rpc.Code;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.routing.MatchResult;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.List;
import java.util.Objects;

/**
 * Routes WebSocket upgrade requests ({@code GET} with {@code Upgrade: websocket}) by path alone:
 * the path is matched under {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} and
 * {@code DELETE} in that order, and the first streaming method (server, client or bidi) wins,
 * since a browser can only open a WebSocket with {@code GET}. No match is a 404, a path that
 * only unary methods (or a composite route) serve is a 400, a stream of raw
 * {@code google.api.HttpBody} bytes (either direction) a 501: all normal JSON errors before any
 * upgrade. A match is
 * attached as {@link Attachments#ROUTED}. Every other request goes to the HTTP route handler.
 *
 * <p>Immutable and thread-safe.
 */
final class WebSocketRouteHandler implements HttpHandler {
  /** The rule verbs a WebSocket path is matched under, in order of preference. */
  private static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final SnapshotHolder snapshots;
  private final HttpHandler upgrade;
  private final HttpHandler http;

  WebSocketRouteHandler(SnapshotHolder snapshots, HttpHandler upgrade, HttpHandler http) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.upgrade = Objects.requireNonNull(upgrade, "upgrade");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!isUpgrade(exchange)) {
      http.handleRequest(exchange);
      return;
    }
    RuntimeSnapshot snapshot = RequestSnapshot.of(exchange, snapshots);
    Transcoder transcoder = snapshot.transcoder();
    String path = RouteHandler.rawPath(exchange);
    MethodRoute unary = null;
    for (String verb : VERBS) {
      MatchResult<MethodRoute> result = transcoder.match(verb, path);
      if (result instanceof MatchResult.Matched<MethodRoute> matched) {
        MethodRoute route = matched.route();
        if (route.clientStreaming() || route.serverStreaming()) {
          routed(exchange, snapshot, matched);
          return;
        }
        unary = unary == null ? route : unary;
      }
    }
    if (unary != null) {
      Responses.status(exchange, transcoder, Code.INVALID_ARGUMENT,
          "WebSocket is served for streaming methods only; " + unary.grpcMethodName()
              + " is unary");
    } else if (snapshot.composites().match("GET", path)
        instanceof MatchResult.Matched<CompositePlan>) {
      Responses.status(exchange, transcoder, Code.INVALID_ARGUMENT,
          "WebSocket is served for streaming methods only; GET " + path
              + " is a composite route");
    } else {
      Responses.error(exchange, transcoder, TranscodingException.notFound(
          "no route for WebSocket " + path + " (no streaming method under "
              + String.join(", ", VERBS) + ")"));
    }
  }

  private void routed(
      HttpServerExchange exchange, RuntimeSnapshot snapshot, MatchResult.Matched<MethodRoute> match)
      throws Exception {
    MethodRoute route = match.route();
    if ((route.serverStreaming() && route.response().rawBytes())
        || (route.clientStreaming() && route.request().rawBody())) {
      // Text frames carry JSON; raw bytes stream over plain HTTP instead.
      Responses.status(exchange, snapshot.transcoder(), Code.UNIMPLEMENTED,
          "streams of raw google.api.HttpBody bytes are not served over WebSocket (use plain"
              + " HTTP on the same path): " + route.grpcMethodName());
      return;
    }
    Routed.attachAndContinue(exchange, snapshot, match, upgrade);
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
