package dev.gangway.gateway.observe;

import io.undertow.util.HttpString;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids and trace ids as the access log and the backends see them: a client's {@code
 * x-request-id} is kept when it is 1 to {@value #MAX_LENGTH} visible ASCII characters (else the
 * gateway makes one: 32 random hex digits), and a W3C {@code traceparent}'s trace id is read
 * without a regular expression.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestIds {
  /** The request id's header, and the metadata key backends get it under. */
  public static final HttpString HEADER = HttpString.tryFromString("x-request-id");
  /** The longest client request id kept. */
  static final int MAX_LENGTH = 128;

  private RequestIds() {}

  /** The client's request id, when it is one the gateway keeps. */
  public static Optional<String> accepted(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  /** A new request id: 32 random lower-case hex digits. */
  public static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(32);
    hex(id, random.nextLong());
    hex(id, random.nextLong());
    return id.toString();
  }

  /**
   * The trace id of a W3C {@code traceparent} ({@code 00-<32 hex>-<16 hex>-<2 hex>}, trace
   * context section 3.2), when the value is one and the id is not all zeros.
   */
  public static Optional<String> traceId(String traceparent) {
    if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
        || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
      return Optional.empty();
    }
    boolean zero = true;
    for (int i = 3; i < 35; i++) {
      char c = traceparent.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return Optional.empty();
      }
      zero &= c == '0';
    }
    return zero ? Optional.empty() : Optional.of(traceparent.substring(3, 35));
  }

  private static void hex(StringBuilder out, long value) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      out.append(Character.forDigit((int) (value >>> shift) & 0xf, 16));
    }
  }
}
