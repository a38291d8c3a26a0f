package dev.gangway.gateway.client;

import dev.gangway.gateway.config.AddressRange;
import dev.gangway.gateway.config.ClientAddressHeader;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves a request's {@link ClientAddress} from its TCP peer and {@code X-Forwarded-For} (or
 * the {@code for} nodes of RFC 7239 {@code Forwarded}, {@link ForwardedFor}, as
 * {@code server.client_address_header} says), behind the proxies of {@code server.trusted_proxies}.
 *
 * <p>The peer is the client unless it is a trusted proxy. Then the header is read
 * from the right (the hop the nearest proxy appended) and the first hop that is not itself a
 * trusted proxy is the client: hops to its left could have been written by anyone. A hop that is
 * not an IP address (garbage, {@code unknown}, an obfuscated identifier) stops the walk at the
 * last trusted hop. The walk is bounded: at most {@value #MAX_HOPS} list elements are examined
 * and an element longer than {@value #MAX_HOP_CHARS} characters is garbage, so a hostile header
 * costs no more than a short one (the header itself is bounded by {@code server.max_header_size}).
 * A hop may carry a port ({@code 192.0.2.7:4711}, {@code [2001:db8::7]:4711}); addresses are
 * returned in their canonical form so that one client has one rate-limit key however it is spelt.
 *
 * <p>Immutable and thread-safe; one per snapshot. No regex, no {@code split}, no DNS.
 */
public final class ClientAddressResolver {
  /** List elements of {@code X-Forwarded-For} examined from the right, at most. */
  public static final int MAX_HOPS = 32;
  /** Longer than any address with a port ({@code [IPv6 with IPv4]:65535} is 53). */
  static final int MAX_HOP_CHARS = 64;

  private final List<AddressRange> trusted;
  private final ClientAddressHeader header;
  private final HttpString headerName;

  /** Reads {@code X-Forwarded-For} from the {@code trusted} proxies. */
  public ClientAddressResolver(List<AddressRange> trusted) {
    this(trusted, ClientAddressHeader.X_FORWARDED_FOR);
  }

  /** Reads {@code header} from the {@code trusted} proxies. */
  public ClientAddressResolver(List<AddressRange> trusted, ClientAddressHeader header) {
    this.trusted = List.copyOf(trusted);
    this.header = Objects.requireNonNull(header, "header");
    this.headerName = HttpString.tryFromString(header.headerName());
  }

  /** The exchange's client address. */
  public ClientAddress resolve(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    List<String> lines = exchange.getRequestHeaders().get(headerName);
    return resolve(Optional.ofNullable(source == null ? null : source.getAddress()),
        lines == null ? List.of() : lines);
  }

  /**
   * The client address of a request from {@code peer} with these field lines of the header the
   * resolver reads (in arrival order; empty without the header).
   */
  public ClientAddress resolve(Optional<InetAddress> peer, List<String> lines) {
    if (peer.isEmpty()) {
      return new ClientAddress(ClientAddress.UNKNOWN, ClientAddress.UNKNOWN, false);
    }
    String peerText = peer.get().getHostAddress();
    if (!isTrusted(peer.get())) {
      return new ClientAddress(peerText, peerText, false);
    }
    List<String> hops = header == ClientAddressHeader.FORWARDED
        ? ForwardedFor.nodes(lines, MAX_HOPS) : xForwardedForHops(lines);
    return new ClientAddress(behindProxies(peerText, hops), peerText, true);
  }

  /** The walk from the right; {@code nearest} is the peer, a trusted proxy. */
  private String behindProxies(String nearest, List<String> hops) {
    String lastTrusted = nearest;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = hop(hops.get(i));
      if (hop.isEmpty()) {
        return lastTrusted;
      }
      if (!isTrusted(hop.get())) {
        return hop.get().getHostAddress();
      }
      lastTrusted = hop.get().getHostAddress();
    }
    return lastTrusted; // every hop a trusted proxy: the left-most is as far as anyone can tell
  }

  /**
   * The hop elements of {@code X-Forwarded-For} field lines, left to right: the right-most
   * {@value #MAX_HOPS} list elements at most, empty ones left out, an element too long to be an
   * address as {@link ForwardedFor#GARBAGE} (the walk stops there, so nothing left of it is read).
   */
  static List<String> xForwardedForHops(List<String> lines) {
    ArrayDeque<String> hops = new ArrayDeque<>();
    int examined = 0;
    // Several field lines are one comma-separated list in order (RFC 9110 section 5.3).
    for (int line = lines.size() - 1; line >= 0; line--) {
      String value = lines.get(line);
      int end = value.length();
      while (end >= 0) {
        if (++examined > MAX_HOPS) {
          return List.copyOf(hops);
        }
        int start = elementStart(value, end);
        if (start < 0) {
          hops.addFirst(ForwardedFor.GARBAGE);
          return List.copyOf(hops);
        }
        String element = value.substring(start, end).trim();
        end = start - 1; // before the comma; -1 ends this line
        if (!element.isEmpty()) { // RFC 9110 section 5.6.1: empty list elements are ignored
          hops.addFirst(element);
        }
      }
    }
    return List.copyOf(hops);
  }

  /**
   * Where the element ending at {@code end} starts (after its comma, or 0), looking back at most
   * {@link #MAX_HOP_CHARS} characters; -1 when it is longer.
   */
  private static int elementStart(String value, int end) {
    int limit = Math.max(0, end - MAX_HOP_CHARS - 1);
    for (int i = end - 1; i >= limit; i--) {
      if (value.charAt(i) == ',') {
        return i + 1;
      }
    }
    return end - limit <= MAX_HOP_CHARS ? limit : -1;
  }

  /** An address, optionally with a port: {@code 192.0.2.7}, {@code 192.0.2.7:80}, {@code [::1]:80}. */
  static Optional<InetAddress> hop(String element) {
    String address = element;
    if (element.startsWith("[")) {
      int close = element.indexOf(']');
      if (close < 0 || !port(element, close + 1)) {
        return Optional.empty();
      }
      address = element.substring(1, close);
    } else {
      int colon = element.indexOf(':');
      if (colon >= 0 && colon == element.lastIndexOf(':')) {
        // One colon: IPv4 with a port (an IPv6 address has at least two).
        if (!port(element, colon)) {
          return Optional.empty();
        }
        address = element.substring(0, colon);
      }
    }
    return AddressRange.address(address);
  }

  /** Nothing at {@code from}, or {@code :} and 1-5 digits. */
  private static boolean port(String element, int from) {
    if (from == element.length()) {
      return true;
    }
    int digits = element.length() - from - 1;
    if (element.charAt(from) != ':' || digits < 1 || digits > 5) {
      return false;
    }
    for (int i = from + 1; i < element.length(); i++) {
      if (element.charAt(i) < '0' || element.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private boolean isTrusted(InetAddress address) {
    for (AddressRange range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
