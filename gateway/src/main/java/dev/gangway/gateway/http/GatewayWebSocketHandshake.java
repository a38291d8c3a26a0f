package dev.gangway.gateway.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.util.Headers;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.extensions.CompositeExtensionFunction;
import io.undertow.websockets.extensions.ExtensionFunction;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.List;
import org.xnio.StreamConnection;

/**
 * Undertow's RFC 6455 handshake ({@code Sec-WebSocket-Version: 13}), upgrading to a
 * {@link GatewayWebSocketChannel}. It is the only handshake the gateway offers: the pre-RFC drafts
 * 7 and 8 Undertow also speaks get the invalid-handshake answer with
 * {@code Sec-WebSocket-Version: 13}, as any other version.
 *
 * <p>Immutable and thread-safe (no subprotocols, no extensions).
 */
final class GatewayWebSocketHandshake extends Hybi13Handshake {
  @Override
  public WebSocketChannel createChannel(
      WebSocketHttpExchange exchange, StreamConnection connection, ByteBufferPool buffers) {
    List<ExtensionFunction> extensions = initExtensions(exchange);
    return new GatewayWebSocketChannel(connection, buffers, getWebSocketLocation(exchange),
        exchange.getResponseHeader(Headers.SEC_WEB_SOCKET_PROTOCOL_STRING), !extensions.isEmpty(),
        CompositeExtensionFunction.compose(extensions), exchange.getPeerConnections(),
        exchange.getOptions());
  }
}
