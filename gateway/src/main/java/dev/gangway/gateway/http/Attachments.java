package dev.gangway.gateway.http;

import dev.gangway.gateway.routing.RouteMatch;
import io.grpc.Metadata;
import io.undertow.util.AttachmentKey;
import java.time.Duration;

/**
 * What one handler leaves on the exchange for the next: typed keys, each set once per request.
 *
 * <p>Constants only.
 */
final class Attachments {
  /** The request's one match, of any outcome; set by {@link RouteHandler}. */
  static final AttachmentKey<RouteMatch> MATCH = AttachmentKey.create(RouteMatch.class);
  /** A match of a transcoded route, set by {@link RouteKindHandler}. */
  static final AttachmentKey<Routed> ROUTED = AttachmentKey.create(Routed.class);
  /** The browser RPC protocol of a gRPC-Web or Connect request, set by {@link RouteHandler}. */
  static final AttachmentKey<RpcWire> RPC_WIRE = AttachmentKey.create(RpcWire.class);
  /** The call's deadline, set by {@link DeadlineHandler}. */
  static final AttachmentKey<Duration> TIMEOUT = AttachmentKey.create(Duration.class);
  /** The backend calls' request metadata, set by {@link MetadataHandler}. */
  static final AttachmentKey<Metadata> METADATA = AttachmentKey.create(Metadata.class);
  /** The request body, set by {@link BodyHandler}. */
  static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
  /** The body's memory reservation, set by {@link BodyHandler}, released once bound. */
  static final AttachmentKey<BodyBuffer> BODY_BUFFER = AttachmentKey.create(BodyBuffer.class);
  /** The request message (protobuf bytes), set by {@link BindHandler}. */
  static final AttachmentKey<byte[]> MESSAGE = AttachmentKey.create(byte[].class);
  /** What a WebSocket call starts with, set by {@link WebSocketOpenHandler} before the upgrade. */
  static final AttachmentKey<WebSocketStart> WEBSOCKET = AttachmentKey.create(WebSocketStart.class);

  private Attachments() {}
}
