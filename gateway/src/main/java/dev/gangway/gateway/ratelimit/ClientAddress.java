package dev.gangway.gateway.ratelimit;

import dev.gangway.gateway.config.AddressRange;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The client's address for rate limits: the TCP peer, unless the peer is a trusted proxy; then the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries to its left
 * could have been written by anyone).
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientAddress {
  private final List<AddressRange> trusted;

  public ClientAddress(List<AddressRange> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** The client address as text; {@code unknown} when there is no peer. */
  public String of(Optional<InetAddress> peer, Optional<String> forwardedFor) {
    if (peer.isEmpty()) {
      return "unknown";
    }
    if (!isTrusted(peer.get()) || forwardedFor.isEmpty()) {
      return peer.get().getHostAddress();
    }
    String[] hops = forwardedFor.get().split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      Optional<AddressRange> address = AddressRange.parse(hop);
      if (address.isEmpty()) {
        // Garbage from a client: the last trusted hop is all we know.
        return i == hops.length - 1 ? peer.get().getHostAddress() : hops[i + 1].trim();
      }
      if (!isTrusted(address.get())) {
        return hop;
      }
    }
    return hops[0].trim();
  }

  private boolean isTrusted(InetAddress address) {
    for (AddressRange block : trusted) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private boolean isTrusted(AddressRange single) {
    try {
      return isTrusted(InetAddress.getByAddress(single.network()));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
