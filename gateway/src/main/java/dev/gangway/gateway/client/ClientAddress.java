package dev.gangway.gateway.client;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The client of one request, resolved once, before anything else reads it, and attached as
 * {@link #ATTACHMENT}: header forwarding, rate limits per address and the access log read it
 * from there (docs/security.md, "Client address").
 *
 * <p>Immutable.
 *
 * @param address the client's IP address as text: the TCP peer, or, when the peer is a trusted
 *     proxy, the right-most {@code X-Forwarded-For} hop that is not itself a trusted proxy (see
 *     {@link ClientAddressResolver}); {@value #UNKNOWN} without a peer
 * @param peer the TCP peer's IP address as text; {@value #UNKNOWN} without one
 * @param viaTrustedProxy whether the peer is in {@code server.trusted_proxies}, so that its
 *     forwarding headers ({@code X-Forwarded-*}, {@code Forwarded}, {@code X-Real-IP}) are believed
 */
public record ClientAddress(String address, String peer, boolean viaTrustedProxy) {
  /** Where the request's client address is attached, by the chain's first stage. */
  public static final AttachmentKey<ClientAddress> ATTACHMENT =
      AttachmentKey.create(ClientAddress.class);
  /** The text of an address the request does not have. */
  public static final String UNKNOWN = "unknown";

  public ClientAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(peer, "peer");
  }

  /**
   * The request's resolved client address; for an exchange that did not pass the resolver (unit
   * tests, handlers used alone) the TCP peer, believing no forwarding header.
   */
  public static ClientAddress of(HttpServerExchange exchange) {
    ClientAddress attached = exchange.getAttachment(ATTACHMENT);
    if (attached != null) {
      return attached;
    }
    InetSocketAddress source = exchange.getSourceAddress();
    String peer = source == null || source.getAddress() == null
        ? UNKNOWN : source.getAddress().getHostAddress();
    return new ClientAddress(peer, peer, false);
  }

  /** Whether the TCP peer is known (it is, for every request that came over a socket). */
  public boolean peerKnown() {
    return !peer.equals(UNKNOWN);
  }
}
