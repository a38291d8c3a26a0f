package dev.gangway.gateway.http;

import dev.gangway.gateway.observe.AccessLog;
import dev.gangway.gateway.observe.GatewayMetrics;
import dev.gangway.gateway.observe.Telemetry;
import dev.gangway.gateway.observe.Tracing;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.gateway.routing.RouteKind;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles the gateway's request path, the one place where the handler chain is put together:
 *
 * <pre>
 * Observe: request id (x-request-id); the request's RequestRecord attached; recorded once when
 *          the exchange completes (a WebSocket: when it closes): route meters (count, latency,
 *          rejections, composite outcome) and the access log line
 * -> ErrorGuard (any throw: logged 500, constant body)
 * -> ClientAddress: the client resolved once (peer, or X-Forwarded-For / Forwarded behind
 *                   server.trusted_proxies) and attached (client.ClientAddress)
 * (before Undertow parses an HTTP/1 request: the connection's Http1Guard, see HttpListener)
 * -> EdgeLimits: the guard's refusals (505 version, 400 framing, 431 head), 505, Transfer-Encoding
 *                501/400, 414, 431 (limits.*, server.max_header_size);
 *                503 + Retry-After at limits.max_concurrent_requests
 * -> ClientCertificate: the verified mTLS client certificate attached (tls.ClientCertificate)
 * -> Route: snapshot read once; ONE match against the snapshot's table of every kind of route
 *           (static sites, transcoded methods, WebSocket upgrades, composites)
 * -> Policy: every RoutePolicy sees the match, whatever it is, before any body or backend
 *            (proceed | reject with a google.rpc.Status | answer itself | decide later)
 * -> RouteKind: 404 / 405 + Allow; upgrade of a unary or composite route 400, raw HttpBody over
 *               WebSocket 501, bidi over plain HTTP 501; else by the match's kind:
 *      STATIC_SITE       -> StaticFiles (GET/HEAD from the directory, 404)
 *      PUBLISHED_FILE    -> PublishedFile (GET/HEAD of the snapshot's OpenAPI documents, 304)
 *      UNARY,
 *      SERVER_STREAMING  -> Deadline (grpc-timeout, 400) -> 100-continue -> Body (async, 413, 408;
 *                           503 at limits.max_buffered_bodies) -> Bind (400, 415, JSON limits;
 *                           large bodies on the binding pool, 503) -> Metadata (headers, 400)
 *                           -> Call (503; completes from gRPC callbacks, streams server streams)
 *      CLIENT_STREAMING  -> Deadline -> Metadata -> 100-continue
 *                           -> Call (503; reads the body message by message, 400, 413, 415)
 *      WEBSOCKET         -> Deadline -> Metadata
 *                           -> WebSocketOpen (403 origin; 503; 400 path/query; handshake 101)
 *                           -> WebSocketCall (text frames in and out, close codes, pings)
 *      COMPOSITE         -> Deadline -> Metadata
 *                           -> Composite (parallel calls, completes from their callbacks)
 *      RPC (gRPC-Web, Connect; by content type at /package.Service/Method)
 *                        -> Deadline (+ connect-timeout-ms) -> 100-continue -> Body (413, 408)
 *                           -> RpcBind (base64, frames, Connect JSON: 400, 501)
 *                           -> Metadata -> RpcCall (frames and trailers, or Connect unary)
 *      (errors of a gRPC-Web or Connect request, from any stage, in its protocol's format)
 * </pre>
 *
 * <p>Deadline and Metadata are the same stages for every route that calls a backend. Per-route
 * policy is added in {@code dev.gangway.gateway.policy.RoutePolicies}, not here (see
 * docs/architecture.md#per-route-policy).
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
    return create(snapshots, streams, admission,
        new Telemetry(GatewayMetrics.none(), new AccessLog(), Tracing.off()));
  }

  /** As above, every request recorded by {@code telemetry} (meters, access log). */
  public static HttpHandler create(SnapshotHolder snapshots, OpenStreams streams,
      Admission admission, Telemetry telemetry) {
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(admission, "admission");
    HttpHandler call = new CallHandler(streams);
    // Answers "Expect: 100-continue" when the body is first read, i.e. after the 413 check.
    HttpHandler wholeBody = new DeadlineHandler(new HttpContinueReadHandler(
        new BodyHandler(admission, new BindHandler(admission, new MetadataHandler(call)))));
    // A client stream reads its body itself, message by message, rather than whole.
    HttpHandler clientStream =
        new DeadlineHandler(new MetadataHandler(new HttpContinueReadHandler(call)));
    Map<RouteKind, HttpHandler> branches = new EnumMap<>(RouteKind.class);
    branches.put(RouteKind.STATIC_SITE, new StaticFilesHandler());
    branches.put(RouteKind.PUBLISHED_FILE, new PublishedFileHandler());
    branches.put(RouteKind.UNARY, wholeBody);
    branches.put(RouteKind.SERVER_STREAMING, wholeBody);
    branches.put(RouteKind.CLIENT_STREAMING, clientStream);
    branches.put(RouteKind.WEBSOCKET,
        new DeadlineHandler(new MetadataHandler(new WebSocketOpenHandler(streams))));
    branches.put(RouteKind.RPC, new DeadlineHandler(new HttpContinueReadHandler(
        new BodyHandler(admission, new RpcBindHandler(new MetadataHandler(
            new RpcCallHandler(streams)))))));
    branches.put(RouteKind.COMPOSITE,
        new DeadlineHandler(new MetadataHandler(new CompositeHandler())));
    return new ObserveHandler(snapshots, telemetry, new ErrorGuardHandler(
        new ClientAddressHandler(snapshots,
        new EdgeLimitsHandler(snapshots, admission, new ClientCertificateHandler(
            new RouteHandler(snapshots, new PolicyHandler(new RouteKindHandler(branches))))))));
  }
}
