package dev.gangway.gateway.http;

import dev.gangway.gateway.reload.SnapshotHolder;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.util.Objects;

/**
 * Assembles the gateway's request path, the one place where the handler chain is put together:
 *
 * <pre>
 * ErrorGuard -> EdgeLimits (505, 501/400 Transfer-Encoding, 414, 431; 503 + Retry-After at
 *   limits.max_concurrent_requests) -> ClientCertificate (mTLS identity) -> StaticFiles: a static prefix? files (404, 405), else
 * -> WebSocketRoute: GET with "Upgrade: websocket"?
 *   yes: match the path alone, first streaming method (404, 400 unary, 501 HttpBody)
 *        -> Deadline (grpc-timeout, 400)
 *        -> WebSocketOpen (403 origin; 503; 400 headers/path/query; handshake 101)
 *        -> WebSocketCall (text frames in and out, close codes, pings; completes from gRPC
 *           callbacks)
 *   no:  Route (404, 405, 501 bidi) -> Deadline (grpc-timeout, 400)
 *          -> 100-continue -> Body (async, 413, 408, 503 body budget)
 *          -> Bind (400, 415, JSON limits; large bodies on the binding pool, 503)
 *          -> Call (503; completes from gRPC callbacks, streams server streams)
 *        \-> (client streaming) 100-continue -> Call (503; reads the body message by message, 400, 413, 415)
 *        \-> Composite (a composite route: parallel calls, completes from their callbacks)
 * </pre>
 *
 * <p>Stateless; the returned handler is thread-safe.
 */
public final class GatewayHandlers {
  private GatewayHandlers() {}

  /**
   * The root handler serving requests from the holder's current snapshot; server streams and
   * WebSockets register in {@code streams} while they are open; {@code admission} counts requests
   * and body bytes against the gateway-wide limits.
   */
  public static HttpHandler create(
      SnapshotHolder snapshots, OpenStreams streams, Admission admission) {
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(admission, "admission");
    // One header mapping per headers config, rebuilt only when a reload changes it.
    HeaderMappings mappings = new HeaderMappings();
    HttpHandler call = new CallHandler(mappings, streams);
    HttpHandler bind = new BindHandler(admission, call);
    HttpHandler body = new BodyHandler(admission, bind);
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
    HttpHandler route = new RouteHandler(snapshots, new CompositeHandler(mappings), deadline);
    HttpHandler webSocket =
        new DeadlineHandler(new WebSocketOpenHandler(mappings, new FollowUpPlans(), streams));
    HttpHandler dynamic = new WebSocketRouteHandler(snapshots, webSocket, route);
    // Static prefixes come first: they shadow routes under them (docs/configuration.md#static).
    return new ErrorGuardHandler(
        new EdgeLimitsHandler(snapshots, admission,
            new ClientCertificateHandler(new StaticFilesHandler(snapshots, dynamic))));
  }
}
