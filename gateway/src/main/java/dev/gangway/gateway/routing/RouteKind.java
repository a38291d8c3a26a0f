package dev.gangway.gateway.routing;

/**
 * How a matched request is served: the branch of the handler chain it takes after the policy
 * stage. A kind belongs to the match, not only to the route: the same client-streaming method is
 * {@link #CLIENT_STREAMING} for a plain POST and {@link #WEBSOCKET} for an upgrade.
 */
public enum RouteKind {
  /** A unary gRPC method over plain HTTP: one request body, one response. */
  UNARY,
  /** A server-streaming method over plain HTTP: NDJSON, SSE or a JSON array. */
  SERVER_STREAMING,
  /** A client-streaming method over plain HTTP: the body read message by message. */
  CLIENT_STREAMING,
  /** A bidirectional method reached by plain HTTP: refused with 501, served over WebSocket only. */
  BIDI_STREAMING,
  /** A streaming method (any direction) reached by a WebSocket upgrade. */
  WEBSOCKET,
  /** A composite route: several backend calls answered as one JSON document. */
  COMPOSITE,
  /** A static site: files from a configured directory under a path prefix. */
  STATIC_SITE,
  /** A file the gateway generates with each snapshot at one exact path (the OpenAPI documents). */
  PUBLISHED_FILE,
  /**
   * A gRPC method called over gRPC-Web or Connect at {@code POST /<package.Service>/<Method>},
   * told from REST by the request's content type.
   */
  RPC
}
