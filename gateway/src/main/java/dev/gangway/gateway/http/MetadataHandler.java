package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.transcoder.errors.TranscodingException;
import io.grpc.Metadata;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * The header stage of every route that calls a backend (transcoded, WebSocket, composite): maps
 * the request headers to the calls' gRPC metadata with the snapshot's header mapping, 400 naming
 * a header that cannot be metadata. Attaches {@link Attachments#METADATA}.
 *
 * <p>Immutable and thread-safe.
 */
final class MetadataHandler implements HttpHandler {
  private final HttpHandler next;

  MetadataHandler(HttpHandler next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.attached(exchange);
    Metadata metadata;
    try {
      metadata = snapshot.headerMapping().requestMetadata(exchange);
    } catch (TranscodingException e) {
      Responses.error(exchange, snapshot.transcoder(), e);
      return;
    }
    exchange.putAttachment(Attachments.METADATA, metadata);
    next.handleRequest(exchange);
  }
}
