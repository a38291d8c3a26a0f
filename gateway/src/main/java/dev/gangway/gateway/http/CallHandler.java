package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.Optional;

/**
 * Sends the request message to the method's backend as a unary or server-streaming gRPC call with
 * the request's metadata and deadline, or streams the request body to a client-streaming call;
 * 503 UNAVAILABLE when no backend serves the method's service. The call's callbacks complete the
 * exchange ({@link UnaryCall}, {@link ServerStreamCall}, {@link ClientStreamCall}).
 *
 * <p>Thread-safe; calls register in the shared {@link OpenStreams} while they stream.
 */
final class CallHandler implements HttpHandler {
  private final OpenStreams streams;

  CallHandler(OpenStreams streams) {
    this.streams = streams;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Routed routed = exchange.getAttachment(Attachments.ROUTED);
    Optional<Channel> channel = routed.bound().channel();
    if (channel.isEmpty()) {
      Responses.noBackend(exchange, routed.snapshot().transcoder(), routed.route());
      return;
    }
    Metadata metadata = exchange.getAttachment(Attachments.METADATA);
    if (routed.route().clientStreaming()) {
      // Dispatched: the exchange stays open after this returns; the body is read asynchronously
      // and the call's callbacks complete it.
      Channel backend = channel.get();
      exchange.dispatch(SameThreadExecutor.INSTANCE, () -> Responses.guarded(exchange,
          () -> ClientStreamCall.start(exchange, routed, backend, metadata,
              exchange.getAttachment(Attachments.TIMEOUT))));
      return;
    }
    byte[] message = exchange.getAttachment(Attachments.MESSAGE);
    if (routed.route().serverStreaming()) {
      ServerStreamCall.start(exchange, routed, channel.get(), metadata, message,
          exchange.getAttachment(Attachments.TIMEOUT), streams);
      return;
    }
    UnaryCall.start(exchange, routed, channel.get(), metadata, message,
        exchange.getAttachment(Attachments.TIMEOUT));
  }
}
