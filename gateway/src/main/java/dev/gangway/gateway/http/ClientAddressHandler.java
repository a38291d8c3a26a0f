package dev.gangway.gateway.http;

import dev.gangway.gateway.client.ClientAddress;
import dev.gangway.gateway.reload.SnapshotHolder;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * The chain's first stage: resolves the request's client address once, with the request's
 * snapshot's {@code server.trusted_proxies}, and attaches it as {@link ClientAddress#ATTACHMENT}
 * for everything after it (header forwarding, rate limits, the access log), including refusals
 * of the edge limits.
 *
 * <p>Immutable and thread-safe.
 */
final class ClientAddressHandler implements HttpHandler {
  private final SnapshotHolder snapshots;
  private final HttpHandler next;

  ClientAddressHandler(SnapshotHolder snapshots, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.putAttachment(ClientAddress.ATTACHMENT,
        RequestSnapshot.of(exchange, snapshots).clientAddresses().resolve(exchange));
    next.handleRequest(exchange);
  }
}
