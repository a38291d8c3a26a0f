package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.routing.GatewayRoute;
import dev.gangway.gateway.routing.RouteMatch;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * The request message of a gRPC-Web or Connect request, from its body: base64 decoded for
 * {@code grpc-web-text}, the one frame taken out of gRPC-Web and Connect streaming bodies (400 for
 * a truncated, extra or unknown frame, 501 for a compressed one), and Connect JSON bound as
 * proto3 JSON. Attaches {@link Attachments#MESSAGE} and releases the body's memory reservation.
 *
 * <p>Immutable and thread-safe.
 */
final class RpcBindHandler implements HttpHandler {
  private final HttpHandler next;

  RpcBindHandler(HttpHandler next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.attached(exchange);
    GatewayRoute.Rpc route =
        (GatewayRoute.Rpc) ((RouteMatch.Matched) exchange.getAttachment(Attachments.MATCH)).route();
    RpcWire wire = exchange.getAttachment(Attachments.RPC_WIRE);
    byte[] body = exchange.getAttachment(Attachments.BODY);
    byte[] message;
    try {
      message = message(route, wire, body);
    } catch (TranscodingException e) {
      Responses.error(exchange, snapshot.transcoder(), e);
      return;
    } finally {
      BodyBuffer buffer = exchange.getAttachment(Attachments.BODY_BUFFER);
      if (buffer != null) {
        buffer.release();
      }
    }
    exchange.putAttachment(Attachments.MESSAGE, message);
    next.handleRequest(exchange);
  }

  static byte[] message(GatewayRoute.Rpc route, RpcWire wire, byte[] body)
      throws TranscodingException {
    byte[] decoded = wire == RpcWire.GRPC_WEB_TEXT ? Base64Chunks.decode(body) : body;
    byte[] payload = wire.connectUnary() ? decoded : RpcFrames.single(decoded);
    return wire.json() ? RpcJson.bind(route, payload) : payload;
  }
}
