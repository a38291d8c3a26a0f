package dev.gangway.transcoder.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The number rules of proto3 JSON for values that arrive as JSON strings ({@code "12"},
 * {@code "1e3"}, {@code "NaN"}): the text must be a JSON number exactly as RFC 8259 writes one, so
 * {@code "+1"}, {@code "01"}, {@code " 1"}, {@code "0x10"} and {@code "1."} are rejected; integer
 * types also take an exponent or fraction when the value is whole ({@code 1e3}, {@code 2.0}).
 *
 * <p>Stateless and thread-safe.
 */
final class JsonNumbers {
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private JsonNumbers() {}

  /** RFC 8259: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  static boolean isJsonNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    if (i >= n) {
      return false;
    }
    if (s.charAt(i) == '0') {
      i++;
    } else if (isDigit(s.charAt(i))) {
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
    } else {
      return false;
    }
    if (i < n && s.charAt(i) == '.') {
      i = digits(s, i + 1);
      if (i < 0) {
        return false;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      i = digits(s, i);
      if (i < 0) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * The value of {@code chars[off, off+len)} when it is a JSON integer of at most 18 digits
   * ({@code -?(0|[1-9][0-9]{0,17})}, which fits a {@code long} whatever its digits), else
   * {@link Long#MIN_VALUE}, which no such text can be: the usual int64 string ({@code "12345"})
   * read in place, without making a {@code String}.
   */
  static long shortInteger(char[] chars, int off, int len) {
    int i = off;
    int end = off + len;
    boolean negative = len > 0 && chars[i] == '-';
    if (negative) {
      i++;
    }
    int digits = end - i;
    if (digits < 1 || digits > 18 || (digits > 1 && chars[i] == '0')) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < end; i++) {
      char c = chars[i];
      if (!isDigit(c)) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  /**
   * The length of the integer text {@code -?(0|[1-9][0-9]{0,17})} that starts at
   * {@code utf8[start]} and is followed by a quote before {@code limit} (the content of a JSON
   * string such as {@code "12345"}, the usual int64 form), else -1: its value is then
   * {@link #shortIntegerValue}, read without making a {@code String}.
   */
  static int shortIntegerLength(byte[] utf8, int start, int limit) {
    int i = start < limit && utf8[start] == '-' ? start + 1 : start;
    int digits = digitRun(utf8, i, limit);
    int end = i + digits;
    if (digits < 1 || digits > 18 || end >= limit || utf8[end] != '"'
        || (digits > 1 && utf8[i] == '0')) {
      return -1;
    }
    return end - start;
  }

  /** The value of the text {@link #shortIntegerLength} measured. */
  static long shortIntegerValue(byte[] utf8, int start, int length) {
    boolean negative = utf8[start] == '-';
    int i = negative ? start + 1 : start;
    int digits = start + length - i;
    long v;
    if (i + 24 > utf8.length) { // too near the array's end to read eight bytes past the digits
      v = 0;
      for (int end = i + digits; i < end; i++) {
        v = v * 10 + (utf8[i] - '0');
      }
    } else if (digits <= 8) {
      v = upToEightDigits(utf8, i, digits);
    } else if (digits <= 16) { // the head, then eight: two short chains instead of one long
      v = upToEightDigits(utf8, i, digits - 8) * 100_000_000L
          + upToEightDigits(utf8, i + digits - 8, 8);
    } else {
      v = upToEightDigits(utf8, i, digits - 16) * 10_000_000_000_000_000L
          + upToEightDigits(utf8, i + digits - 16, 8) * 100_000_000L
          + upToEightDigits(utf8, i + digits - 8, 8);
    }
    return negative ? -v : v;
  }

  /** How many ASCII digits start at {@code utf8[i]}, counting at most to {@code limit}. */
  private static int digitRun(byte[] utf8, int i, int limit) {
    int from = i;
    for (; i + 8 <= limit; i += 8) {
      long x = (long) PlainJsonString.LONGS.get(utf8, i);
      long low = x & 0x7F7F_7F7F_7F7F_7F7FL;
      // A byte is not a digit when it is above '9', below '0', or not ASCII; no carries cross
      // bytes, since every sum stays below 0x100.
      long notDigits = ((low + 0x4646_4646_4646_4646L) | ~(low + 0x5050_5050_5050_5050L) | x)
          & 0x8080_8080_8080_8080L;
      if (notDigits != 0) {
        return i - from + (Long.numberOfTrailingZeros(notDigits) >>> 3);
      }
    }
    while (i < limit && utf8[i] >= '0' && utf8[i] <= '9') {
      i++;
    }
    return i - from;
  }

  /**
   * The value of the {@code n} (1 to 8) digits at {@code utf8[i]}, which has eight bytes there:
   * the digits are shifted to the top of one long (the bytes past them fall out, leading zeros
   * come in) and combined pairwise in three multiplications.
   */
  private static long upToEightDigits(byte[] utf8, int i, int n) {
    long d = ((long) PlainJsonString.LONGS.get(utf8, i) - 0x3030_3030_3030_3030L) << ((8 - n) * 8);
    d = d * 10 + (d >>> 8);
    return (((d & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32)))
        + (((d >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))) >>> 32;
  }

  /** Whether the number text is a plain integer (no fraction, no exponent). */
  static boolean isPlainInteger(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i == from ? -1 : i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The integer value of JSON number text, or null when it is not whole. Exponents are bounded
   * first so {@code 1e999999999} cannot make a huge BigInteger.
   */
  static BigInteger wholeValue(String s) {
    if (isPlainInteger(s)) {
      return new BigInteger(s);
    }
    BigDecimal d;
    try {
      d = new BigDecimal(s);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
    if (d.scale() < -64 || d.precision() - d.scale() > 64) {
      return null; // far beyond 64 bits either way
    }
    try {
      return d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  static boolean fitsInt32(BigInteger v) {
    return v.bitLength() < 32;
  }

  static boolean fitsUint32(BigInteger v) {
    return v.signum() >= 0 && v.bitLength() <= 32;
  }

  static boolean fitsInt64(BigInteger v) {
    return v.bitLength() < 64;
  }

  static boolean fitsUint64(BigInteger v) {
    return v.signum() >= 0 && v.compareTo(UINT64_MAX) <= 0;
  }
}
