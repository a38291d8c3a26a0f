package dev.gangway.gateway.http;

import dev.gangway.gateway.reload.SnapshotHolder;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.util.Objects;

/**
 * Assembles the gateway's request path, the one place where the handler chain is put together:
 *
 * <pre>
 * ErrorGuard -> StaticFiles: a static prefix? files (404, 405), else
 * -> WebSocketRoute: GET with "Upgrade: websocket"?
 *   yes: match the path alone, first streaming method (404, 400 unary, 501 HttpBody)
 *        -> Access (401, 403, 429, 503: the route's requirement and rate limits)
 *        -> Deadline (grpc-timeout, 400)
 *        -> WebSocketOpen (403 origin; 503; 400 headers/path/query; handshake 101)
 *        -> WebSocketCall (text frames in and out, close codes, pings; completes from gRPC
 *           callbacks)
 *   no:  Route (404, 405, 501 bidi) -> Access (401, 403, 429, 503) -> Deadline (grpc-timeout, 400)
 *          -> 100-continue -> Body (async, 413, 408) -> Bind (400, 415)
 *          -> Call (503; completes from gRPC callbacks, streams server streams)
 *        \-> (client streaming) 100-continue -> Call (503; reads the body message by message, 400, 413, 415)
 *        \-> Access (401, 403, 429, 503) -> Composite (a composite route: parallel calls,
 *           completes from their callbacks; every call carries the identity metadata)
 * </pre>
 *
 * <p>Stateless; the returned handler is thread-safe.
 */
public final class GatewayHandlers {
  private GatewayHandlers() {}

  /**
   * The root handler serving requests from the holder's current snapshot; server streams and
   * WebSockets register in {@code streams} while they are open.
   */
  public static HttpHandler create(SnapshotHolder snapshots, OpenStreams streams) {
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(streams, "streams");
    // One header mapping per headers config, rebuilt only when a reload changes it.
    HeaderMappings mappings = new HeaderMappings();
    HttpHandler call = new CallHandler(mappings, streams);
    HttpHandler bind = new BindHandler(call);
    HttpHandler body = new BodyHandler(bind);
    // Answers "Expect: 100-continue" when the body is first read, i.e. after the 413 check.
    HttpHandler expectContinue = new HttpContinueReadHandler(body);
    // A client stream reads its body itself, message by message, rather than whole.
    HttpHandler clientStream = new HttpContinueReadHandler(call);
    HttpHandler deadline = new DeadlineHandler(exchange -> {
      if (exchange.getAttachment(Attachments.ROUTED).route().clientStreaming()) {
        clientStream.handleRequest(exchange);
      } else {
        expectContinue.handleRequest(exchange);
      }
    });
    // Access comes right after the match, before anything is read or sent to a backend.
    HttpHandler route = new RouteHandler(
        snapshots, new CompositeHandler(mappings), AccessHandler.forRoutes(deadline));
    HttpHandler webSocket = AccessHandler.forRoutes(
        new DeadlineHandler(new WebSocketOpenHandler(mappings, new FollowUpPlans(), streams)));
    HttpHandler dynamic = new WebSocketRouteHandler(snapshots, webSocket, route);
    // Static prefixes come first: they shadow routes under them (docs/configuration.md#static).
    return new ErrorGuardHandler(new StaticFilesHandler(snapshots, dynamic));
  }
}
