package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.WireFormat;

/**
 * Finds one length-delimited field in wire bytes without printing anything: for the raw parts of
 * a {@code google.api.HttpBody} (its content type and data), which are sent as they are.
 *
 * <p>Stateless and thread-safe.
 */
public final class WireFields {
  private WireFields() {}

  /**
   * The content range of the last occurrence of length-delimited field {@code number} in
   * {@code wire[start, end)}, packed as {@code start << 32 | end}, or -1 when absent.
   *
   * @throws CodecException if the bytes are not a valid message
   */
  public static long lastLengthDelimited(byte[] wire, int start, int end, int number)
      throws CodecException {
    WireInput in = new WireInput(wire);
    in.pos = start;
    long found = -1;
    int wanted = (number << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    while (in.pos < end) {
      int tag = (int) in.readVarint64(end);
      if (tag == wanted) {
        int contentEnd = in.readLengthDelimited(end);
        found = (long) in.pos << 32 | contentEnd;
        in.pos = contentEnd;
      } else if (WireFormat.getTagFieldNumber(tag) == 0) {
        throw CodecException.malformed("malformed tag");
      } else {
        in.skip(tag, end);
      }
    }
    return found;
  }
}
