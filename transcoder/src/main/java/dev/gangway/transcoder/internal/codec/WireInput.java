package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.WireFormat;

/**
 * Reads protobuf wire bytes at a movable position, bounds-checked: the decoding
 * {@code CodedInputStream} does, over one array whose values can be re-read by offset (so a
 * field seen twice can be printed from its last occurrence without copying).
 *
 * <p>Not thread-safe; one per call.
 */
final class WireInput {
  byte[] buf;
  int pos;

  WireInput(byte[] buf) {
    this.buf = buf;
  }

  long readVarint64(int limit) throws CodecException {
    int p = pos;
    if (p < limit) {
      byte b = buf[p];
      if (b >= 0) { // one byte: most tags, lengths and small values
        pos = p + 1;
        return b;
      }
    }
    return readLongVarint(limit);
  }

  private long readLongVarint(int limit) throws CodecException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw truncated();
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw CodecException.malformed("malformed varint");
  }

  int readFixed32(int limit) throws CodecException {
    if (limit - pos < 4) {
      throw truncated();
    }
    int p = pos;
    pos += 4;
    return (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF) << 16
        | (buf[p + 3] & 0xFF) << 24;
  }

  long readFixed64(int limit) throws CodecException {
    long low = readFixed32(limit) & 0xFFFF_FFFFL;
    long high = readFixed32(limit) & 0xFFFF_FFFFL;
    return low | high << 32;
  }

  /** Reads a length prefix and returns the end of the content, which starts at {@link #pos}. */
  int readLengthDelimited(int limit) throws CodecException {
    long length = readVarint64(limit);
    if (length < 0 || length > limit - pos) {
      throw truncated();
    }
    return pos + (int) length;
  }

  /**
   * Skips the value of a field with wire type {@code wireType} whose tag was just read.
   *
   * @return the end of the value; for length-delimited values {@link #pos} is moved past it and
   *     the content start is the position before the call plus the prefix
   */
  void skip(int tag, int limit) throws CodecException {
    switch (WireFormat.getTagWireType(tag)) {
      case WireFormat.WIRETYPE_VARINT -> readVarint64(limit);
      case WireFormat.WIRETYPE_FIXED64 -> readFixed64(limit);
      case WireFormat.WIRETYPE_FIXED32 -> readFixed32(limit);
      case WireFormat.WIRETYPE_LENGTH_DELIMITED -> pos = readLengthDelimited(limit);
      case WireFormat.WIRETYPE_START_GROUP -> skipGroup(WireFormat.getTagFieldNumber(tag), limit);
      default -> throw CodecException.malformed("malformed wire type");
    }
  }

  private void skipGroup(int number, int limit) throws CodecException {
    while (true) {
      if (pos >= limit) {
        throw truncated();
      }
      int tag = (int) readVarint64(limit);
      if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_END_GROUP) {
        if (WireFormat.getTagFieldNumber(tag) != number) {
          throw CodecException.malformed("malformed group");
        }
        return;
      }
      skip(tag, limit);
    }
  }

  private static CodecException truncated() {
    return CodecException.malformed("truncated message");
  }
}
