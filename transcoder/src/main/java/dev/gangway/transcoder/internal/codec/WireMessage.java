package dev.gangway.transcoder.internal.codec;

import java.util.Arrays;

/**
 * The wire bytes of a small message given as one path or query value (a wrapper, Timestamp,
 * Duration or FieldMask), ready to be written as a message field: no message object is built.
 *
 * <p>Immutable by contract (the array is not copied on the request path).
 */
public record WireMessage(byte[] bytes) {

  @Override
  public boolean equals(Object o) {
    return o instanceof WireMessage other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "WireMessage[" + bytes.length + " bytes]";
  }
}
