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
    String address = slash < 0 ? text : text.substring(0, slash);
    if (!literal(address)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
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
   * Dotted-quad IPv4 or IPv6 (has a colon), so that InetAddress never resolves a name: "abc" or
   * "10" would otherwise go to DNS or be read as a shorthand address.
   */
  private static boolean literal(String address) {
    if (address.isEmpty()) {
      return false;
    }
    if (address.indexOf(':') >= 0) {
      return address.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
          || (c >= 'A' && c <= 'F') || c == ':' || c == '.');
    }
    return address.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
        && address.chars().filter(c -> c == '.').count() == 3;
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
