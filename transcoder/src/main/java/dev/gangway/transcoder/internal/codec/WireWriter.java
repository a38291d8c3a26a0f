package dev.gangway.transcoder.internal.codec;

import java.util.Arrays;

/**
 * A growable buffer of protobuf wire bytes, written front to back in one pass. A nested message's
 * length is not known until its end, so {@link #beginLengthDelimited} reserves one byte for it and
 * {@link #endLengthDelimited} writes the varint there, moving the content up in the rare case that
 * it needs more than one byte (content of 128 bytes or more): no message objects, no size pass.
 * The encoding is the one {@code CodedOutputStream} writes.
 *
 * <p>Not thread-safe; one per call.
 */
final class WireWriter {
  private byte[] buf;
  private int pos;
  private int[] starts = new int[16];
  private int depth;
  private final boolean borrowed;

  WireWriter(int initialCapacity) {
    this.buf = new byte[Math.max(16, initialCapacity)];
    this.borrowed = false;
  }

  private WireWriter(byte[] buf) {
    this.buf = buf;
    this.borrowed = true;
  }

  /**
   * A writer on this thread's {@link KeptBuffer}, for output of about {@code expected} bytes;
   * {@link #toByteArray} gives the buffer back.
   */
  static WireWriter onThreadBuffer(int expected) {
    return new WireWriter(KeptBuffer.take(expected));
  }

  /**
   * The bytes written so far, as a new array of exactly that length; a writer on a thread's
   * buffer gives it back and must not be used after.
   */
  byte[] toByteArray() {
    byte[] bytes = Arrays.copyOf(buf, pos);
    if (borrowed) {
      KeptBuffer.give(buf);
    }
    return bytes;
  }

  int position() {
    return pos;
  }

  /** Drops everything written after {@code position} (a value that turned out to be skipped). */
  void truncate(int position) {
    pos = position;
  }

  /**
   * Whether the bytes from {@code start} are a default value: one zero byte (varint 0 or an empty
   * string) or four or eight zero bytes (fixed-width 0; -0.0 has a bit set, so it is kept).
   */
  boolean isZero(int start) {
    int n = pos - start;
    if (n != 1 && n != 4 && n != 8) {
      return false;
    }
    for (int i = start; i < pos; i++) {
      if (buf[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  void writeRawByte(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  void writeUInt32(int value) {
    ensure(5);
    while ((value & ~0x7F) != 0) {
      buf[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
  }

  void writeVarint64(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
  }

  void writeTag(int tag) {
    writeUInt32(tag);
  }

  void writeFixed32(int value) {
    ensure(4);
    buf[pos++] = (byte) value;
    buf[pos++] = (byte) (value >> 8);
    buf[pos++] = (byte) (value >> 16);
    buf[pos++] = (byte) (value >> 24);
  }

  void writeFixed64(long value) {
    writeFixed32((int) value);
    writeFixed32((int) (value >> 32));
  }

  void writeRaw(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, buf, pos, len);
    pos += len;
  }

  void writeBytes(byte[] bytes, int off, int len) {
    writeUInt32(len);
    ensure(len);
    System.arraycopy(bytes, off, buf, pos, len);
    pos += len;
  }

  /**
   * Writes the plain JSON string whose content starts at {@code json[start]} as a
   * length-delimited value, copying while it looks for the closing quote: one pass over the
   * bytes, where finding the end first and copying after took two (see {@link PlainJsonString}).
   *
   * @return the index of the closing quote; -1 (nothing written) if the string is not plain or
   *     does not end before {@code limit}
   */
  int writePlainJsonString(byte[] json, int start, int limit) {
    int copyLimit = Math.min(limit, start + 127); // content whose length takes one byte
    ensure(1 + 127 + 8);
    byte[] b = buf;
    int lengthAt = pos;
    int o = pos + 1;
    int i = start;
    // Eight bytes at a time, stored whole: bytes past the end are written over later.
    for (; i < copyLimit && i + 8 <= json.length; i += 8, o += 8) {
      long x = (long) PlainJsonString.LONGS.get(json, i);
      PlainJsonString.LONGS.set(b, o, x);
      long stops = PlainJsonString.stopBits(x);
      if (stops != 0) {
        int at = i + (Long.numberOfTrailingZeros(stops) >>> 3);
        if (at >= copyLimit) {
          break;
        }
        if (json[at] != '"') {
          return -1;
        }
        b[lengthAt] = (byte) (at - start);
        pos = o + (at - i);
        return at;
      }
    }
    for (; i < copyLimit && i + 8 > json.length; i++) { // the last few bytes of the array
      byte c = json[i];
      if (PlainJsonString.stops(c)) {
        if (c != '"') {
          return -1;
        }
        b[lengthAt] = (byte) (i - start);
        pos = o;
        return i;
      }
      b[o++] = c;
    }
    if (copyLimit == limit) {
      return -1; // no quote where one may be
    }
    int end = PlainJsonString.end(json, start, limit); // 127 bytes or more
    if (end >= 0) {
      writeBytes(json, start, end - start);
    }
    return end;
  }

  /**
   * Writes {@code chars[off, off+len)} as a length-delimited UTF-8 string.
   *
   * @return false when the text holds an unpaired surrogate (nothing sensible to encode)
   */
  boolean writeString(char[] chars, int off, int len) {
    beginLengthDelimited();
    ensure(len * 3);
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xC0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(chars[i + 1])) {
          endLengthDelimited();
          return false;
        }
        int cp = Character.toCodePoint(c, chars[++i]);
        buf[pos++] = (byte) (0xF0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    endLengthDelimited();
    return true;
  }

  /** Writes {@code text} as a length-delimited UTF-8 string; false on an unpaired surrogate. */
  boolean writeString(String text) {
    int len = text.length();
    if (len < 0x80) { // ASCII (map keys, mostly) is written as it is checked: one pass
      ensure(1 + len);
      byte[] b = buf;
      int o = pos + 1;
      for (int i = 0; i < len; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          return writeString(text.toCharArray(), 0, len);
        }
        b[o++] = (byte) c;
      }
      b[pos] = (byte) len;
      pos = o;
      return true;
    }
    char[] chars = text.toCharArray();
    return writeString(chars, 0, chars.length);
  }

  /** Reserves the length byte of a nested message or packed run; pair with {@link #endLengthDelimited}. */
  void beginLengthDelimited() {
    if (depth == starts.length) {
      starts = Arrays.copyOf(starts, depth * 2);
    }
    ensure(1);
    starts[depth++] = pos;
    pos++;
  }

  /** Writes the length of the content since the matching {@link #beginLengthDelimited}. */
  void endLengthDelimited() {
    int start = starts[--depth];
    int length = pos - start - 1;
    if (length < 0x80) {
      buf[start] = (byte) length;
      return;
    }
    int size = varintSize(length);
    ensure(size - 1);
    System.arraycopy(buf, start + 1, buf, start + size, length);
    pos += size - 1;
    int p = start;
    int v = length;
    while ((v & ~0x7F) != 0) {
      buf[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[p] = (byte) v;
  }

  static int varintSize(int value) {
    int size = 1;
    while ((value & ~0x7F) != 0) {
      size++;
      value >>>= 7;
    }
    return size;
  }
}
