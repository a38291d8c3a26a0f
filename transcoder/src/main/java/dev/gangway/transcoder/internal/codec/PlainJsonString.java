package dev.gangway.transcoder.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The content of a JSON string in UTF-8 input, when it is plain: no escape and no control
 * character before its closing quote, so its bytes are the string's UTF-8 as they are (given
 * valid UTF-8 input). Eight bytes are looked at a time: a byte-by-byte loop was the larger part
 * of copying an order's strings.
 *
 * <p>Stateless and thread-safe.
 */
final class PlainJsonString {
  static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;

  private PlainJsonString() {}

  /**
   * The high bit of each byte of {@code x} (eight input bytes, the first lowest) that ends a plain
   * run: a quote, a backslash or a control character 0-31. Exact for the lowest such byte, which
   * is all a reader needs (bytes above it may be marked spuriously, by the borrow of a
   * subtraction).
   */
  static long stopBits(long x) {
    long quote = x ^ 0x2222_2222_2222_2222L;
    long backslash = x ^ 0x5C5C_5C5C_5C5C_5C5CL;
    return ((quote - ONES) & ~quote
        | (backslash - ONES) & ~backslash
        | (x - 0x2020_2020_2020_2020L) & ~x)
        & HIGHS;
  }

  /** Whether {@code b} ends a plain run (what ended it tells whether the string was plain). */
  static boolean stops(byte b) {
    return b == '"' || b == '\\' || (b & 0xE0) == 0;
  }

  /**
   * The index of the closing quote of the plain string whose content starts at
   * {@code utf8[start]}, looking no further than {@code limit}; -1 if an escape or a control
   * character comes first, or no quote before {@code limit}.
   */
  static int end(byte[] utf8, int start, int limit) {
    int i = start;
    for (; i + 8 <= limit; i += 8) {
      long stops = stopBits((long) LONGS.get(utf8, i));
      if (stops != 0) {
        int at = i + (Long.numberOfTrailingZeros(stops) >>> 3);
        return utf8[at] == '"' ? at : -1;
      }
    }
    for (; i < limit; i++) {
      byte c = utf8[i];
      if (stops(c)) {
        return c == '"' ? i : -1;
      }
    }
    return -1;
  }
}
