package dev.gangway.gateway.http;

import com.google.rpc.Code;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a WebSocket for a routed streaming method: 403 for a browser origin that may not
 * ({@link WebSocketOrigins}), 503 when no backend serves it, 400 for request
 * headers that cannot be metadata or a path or query that does not bind (checked with an empty
 * body, so these are normal JSON errors before the upgrade), 400 for an invalid handshake; then
 * Undertow's handshake answers 101 and, once the connection is upgraded, a {@link WebSocketCall}
 * takes it over.
 *
 * <p>Thread-safe: the only state is the caches it shares with the other handlers.
 */
final class WebSocketOpenHandler implements HttpHandler {
  private static final HttpString SEC_WEBSOCKET_VERSION =
      HttpString.tryFromString("Sec-WebSocket-Version");

  private final HeaderMappings mappings;
  private final FollowUpPlans plans;
  private final OpenStreams streams;
  private final HttpHandler handshake;

  WebSocketOpenHandler(HeaderMappings mappings, FollowUpPlans plans, OpenStreams streams) {
    this.mappings = Objects.requireNonNull(mappings, "mappings");
    this.plans = Objects.requireNonNull(plans, "plans");
    this.streams = Objects.requireNonNull(streams, "streams");
    this.handshake = new WebSocketProtocolHandshakeHandler(this::connected, this::invalidHandshake);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    Optional<String> refusedOrigin =
        WebSocketOrigins.refused(exchange, routed.snapshot().config().webSocket());
    if (refusedOrigin.isPresent()) {
      Responses.status(exchange, routed.snapshot().transcoder(), Code.PERMISSION_DENIED,
          "WebSocket origin " + refusedOrigin.get() + " is not allowed: only the gateway's own"
              + " origin and websocket.allowed_origins may open WebSockets");
      return;
    }
    Optional<Channel> channel = routed.bound().channel();
    if (channel.isEmpty()) {
      Responses.noBackend(exchange, routed);
      return;
    }
    String query = exchange.getQueryString();
    Metadata metadata;
    byte[] pathAndQuery;
    try {
      metadata = mappings.forConfig(routed.snapshot().config().headers())
          .requestMetadata(exchange);
      pathAndQuery = routed.snapshot().transcoder().bind(routed.match(), query, "", new byte[0]);
    } catch (TranscodingException e) {
      Responses.error(exchange, routed.snapshot().transcoder(), e);
      return;
    }
    exchange.putAttachment(Attachments.WEBSOCKET, new WebSocketStart(routed, channel.get(),
        metadata, exchange.getAttachment(Attachments.TIMEOUT), query, pathAndQuery));
    handshake.handleRequest(exchange);
  }

  /** Runs on the connection's IO thread once the 101 response is written. */
  private void connected(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    AccessOutcome access = exchange.getAttachment(Attachments.ACCESS);
    if (access != null) {
      // The socket's stream slots are held until it closes, not until the 101 is sent.
      channel.addCloseTask(closed -> access.rate().release());
    }
    WebSocketCall.start(channel, exchange.getAttachment(Attachments.WEBSOCKET), plans, streams);
  }

  /** An Upgrade request Undertow's handshakes do not accept (no key, unknown version). */
  private void invalidHandshake(HttpServerExchange exchange) {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    exchange.getResponseHeaders().put(SEC_WEBSOCKET_VERSION, "13");
    Responses.status(exchange, routed.snapshot().transcoder(), Code.INVALID_ARGUMENT,
        "invalid WebSocket handshake: Sec-WebSocket-Key and Sec-WebSocket-Version: 13 are"
            + " required");
  }
}
