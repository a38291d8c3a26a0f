package dev.gangway.gateway.http;

import com.google.rpc.Code;
import dev.gangway.gateway.access.AccessPolicy;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.routing.MatchResult;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads the current snapshot (once per request) and matches the request to a route, composite
 * routes first (handed to {@link CompositeHandler}), then transcoded ones: 404 for an unknown path,
 * 405 with a sorted {@code Allow} header (the methods of both kinds) for a known path under another
 * method, 501 for bidi methods (served over WebSocket only, by {@link WebSocketRouteHandler}). A
 * match is attached as {@link Attachments#ROUTED}.
 *
 * <p>Immutable and thread-safe.
 */
final class RouteHandler implements HttpHandler {
  private final SnapshotHolder snapshots;
  private final CompositeHandler composites;
  private final HttpHandler next;

  RouteHandler(SnapshotHolder snapshots, CompositeHandler composites, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.composites = Objects.requireNonNull(composites, "composites");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.of(exchange, snapshots);
    Transcoder transcoder = snapshot.transcoder();
    String method = exchange.getRequestMethod().toString();
    String path = rawPath(exchange);
    MatchResult<CompositePlan> composite = snapshot.composites().match(method, path);
    if (composite instanceof MatchResult.Matched<CompositePlan> matched) {
      String name = matched.route().name();
      AccessHandler.check(exchange, snapshot, snapshot.access().forComposite(name),
          AccessPolicy.routeName(name), false,
          ex -> composites.handle(ex, snapshot, matched));
      return;
    }
    MatchResult<MethodRoute> result = transcoder.match(method, path);
    if (result instanceof MatchResult.Matched<MethodRoute> matched) {
      routed(exchange, snapshot, matched);
      return;
    }
    // A path known under other methods by either table is a 405 listing both sets of methods.
    TreeSet<String> allowedMethods = new TreeSet<>();
    if (composite instanceof MatchResult.MethodNotAllowed<CompositePlan> notAllowed) {
      allowedMethods.addAll(notAllowed.allowed());
    }
    if (result instanceof MatchResult.MethodNotAllowed<MethodRoute> notAllowed) {
      allowedMethods.addAll(notAllowed.allowed());
    }
    if (!allowedMethods.isEmpty()) {
      String allowed = String.join(", ", allowedMethods);
      exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
      // UNIMPLEMENTED in the body: the path exists, the method does not (grpc-gateway, Envoy).
      Responses.error(exchange, transcoder, new TranscodingException(Code.UNIMPLEMENTED, 405,
          "method " + method + " not allowed for " + path + "; allowed: " + allowed));
    } else {
      Responses.error(exchange, transcoder,
          TranscodingException.notFound("no route for " + method + " " + path));
    }
  }

  private void routed(
      HttpServerExchange exchange, RuntimeSnapshot snapshot, MatchResult.Matched<MethodRoute> match)
      throws Exception {
    MethodRoute route = match.route();
    if (route.clientStreaming() && route.serverStreaming()) {
      // Plain HTTP has no way to interleave both directions; WebSocketRouteHandler serves them.
      Responses.status(exchange, snapshot.transcoder(), Code.UNIMPLEMENTED,
          "bidirectional streaming methods are served over WebSocket only: open a WebSocket"
              + " (GET with Upgrade: websocket) on the same path: " + route.grpcMethodName());
      return;
    }
    Routed.attachAndContinue(exchange, snapshot, match, next);
  }

  /**
   * The path as the client sent it, still percent-encoded (the listener runs with URL decoding
   * off), without scheme and host when the request line carried an absolute URI.
   */
  static String rawPath(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (exchange.isHostIncludedInRequestURI()) {
      int scheme = uri.indexOf("://");
      int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : uri.substring(slash);
    }
    return uri;
  }
}
