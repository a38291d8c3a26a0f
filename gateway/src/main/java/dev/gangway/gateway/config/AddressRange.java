package dev.gangway.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), or one address.
 *
 * <p>Immutable and thread-safe. {@link #contains} is a byte comparison, cheap on the request path.
 *
 * @param network the address bytes (4 or 16), host bits cleared
 * @param prefixLength how many leading bits must match
 */
public record AddressRange(byte[] network, int prefixLength) {
  /** The longest IP literal: an IPv6 address with an embedded IPv4 one (45 characters). */
  static final int MAX_LITERAL = 45;

  public AddressRange {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("an address has 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix length out of range");
    }
  }

  /**
   * Parses {@code ADDRESS} or {@code ADDRESS/BITS} with an IP literal (never a host name: no DNS).
   * Empty when the text is neither.
   */
  public static Optional<AddressRange> parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    Optional<InetAddress> address = address(slash < 0 ? text : text.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = address.get().getAddress();
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (bits < 0 || bits > bytes.length * 8) {
        return Optional.empty();
      }
    }
    return Optional.of(new AddressRange(masked(bytes, bits), bits));
  }

  /**
   * Parses one IP literal (dotted-quad IPv4 or IPv6), never a host name: no DNS. Empty when the
   * text is not one. Cheap enough for the request path (the client address behind a proxy).
   */
  public static Optional<InetAddress> address(String text) {
    if (text.isEmpty() || text.length() > MAX_LITERAL) {
      return Optional.empty();
    }
    try {
      if (text.indexOf(':') < 0) {
        byte[] v4 = ipv4(text);
        return v4 == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(v4));
      }
      // With a colon InetAddress reads an IPv6 literal or fails; it never asks DNS.
      boolean v6Characters = text.chars().allMatch(c -> (c >= '0' && c <= '9')
          || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.');
      return v6Characters ? Optional.of(InetAddress.getByName(text)) : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * Four decimal octets, each 0-255 without leading zeros; null otherwise. Parsed here rather
   * than by InetAddress, which would send {@code 999.1.1.1} to DNS as a host name.
   */
  private static byte[] ipv4(String text) {
    byte[] out = new byte[4];
    int octet = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i == text.length() ? '.' : text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && value == 0) {
          return null; // a leading zero: octal to some readers (010 = 8), so neither
        }
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.' && digits > 0 && octet < 4) {
        out[octet++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    return octet == 4 ? out : null;
  }

  private static byte[] masked(byte[] bytes, int bits) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  /** Whether {@code address} lies in this range (an IPv4 address never lies in an IPv6 range). */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressRange other && other.prefixLength == prefixLength
        && Arrays.equals(other.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // 4 or 16 bytes, checked in the constructor
    }
  }
}
