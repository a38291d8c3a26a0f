package dev.gangway.gateway.http;

import dev.gangway.gateway.access.AccessOutcome;

import dev.gangway.gateway.errors.GatewayError;
import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.observe.RequestRecord;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a WebSocket for a routed streaming method: 403 for a browser origin that may not
 * ({@link WebSocketOrigins}), 503 when no backend serves it, 400 for a path or query that does not bind (checked with an empty
 * body, so these are normal JSON errors before the upgrade), 400 for an invalid handshake; then
 * Undertow's handshake answers 101 and, once the connection is upgraded, a {@link WebSocketCall}
 * takes it over.
 *
 * <p>Thread-safe; connections register in the shared {@link OpenStreams} while they are open.
 */
final class WebSocketOpenHandler implements HttpHandler {
  private static final HttpString SEC_WEBSOCKET_VERSION =
      HttpString.tryFromString("Sec-WebSocket-Version");

  private final OpenStreams streams;
  private final HttpHandler handshake;

  WebSocketOpenHandler(OpenStreams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.handshake = new WebSocketProtocolHandshakeHandler(
        List.of(new GatewayWebSocketHandshake()), this::connected, this::invalidHandshake);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    Optional<String> refusedOrigin =
        WebSocketOrigins.refused(exchange, routed.snapshot().config().webSocket());
    if (refusedOrigin.isPresent()) {
      Responses.error(exchange, routed.snapshot().transcoder(), GatewayError.WEBSOCKET_ORIGIN,
          refusedOrigin.get());
      return;
    }
    Optional<Channel> channel = routed.bound().channel();
    if (channel.isEmpty()) {
      Responses.noBackend(exchange, routed.snapshot().transcoder(), routed.route());
      return;
    }
    String query = exchange.getQueryString();
    Metadata metadata = exchange.getAttachment(Attachments.METADATA);
    byte[] pathAndQuery;
    try {
      pathAndQuery = routed.snapshot().transcoder().bind(routed.match(), query, "", new byte[0]);
    } catch (TranscodingException e) {
      Responses.error(exchange, routed.snapshot().transcoder(), e);
      return;
    }
    exchange.putAttachment(Attachments.WEBSOCKET, new WebSocketStart(routed, channel.get(),
        metadata, exchange.getAttachment(Attachments.TIMEOUT), query, pathAndQuery,
        Optional.ofNullable(RequestRecord.of(exchange))));
    handshake.handleRequest(exchange);
  }

  /** Runs on the connection's IO thread once the 101 response is written. */
  private void connected(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    AccessOutcome access = exchange.getAttachment(AccessOutcome.KEY);
    if (access != null) {
      // The socket's stream slots are held until it closes, not until the 101 is sent.
      channel.addCloseTask(closed -> access.rate().release());
    }
    WebSocketCall.start(channel, exchange.getAttachment(Attachments.WEBSOCKET), streams);
  }

  /** An Upgrade request Undertow's handshakes do not accept (no key, unknown version). */
  private void invalidHandshake(HttpServerExchange exchange) {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    exchange.getResponseHeaders().put(SEC_WEBSOCKET_VERSION, "13");
    Responses.error(exchange, routed.snapshot().transcoder(), GatewayError.WEBSOCKET_HANDSHAKE);
  }
}
