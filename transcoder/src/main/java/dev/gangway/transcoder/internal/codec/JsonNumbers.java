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
   * Like {@link #shortInteger(char[], int, int)}, for a JSON string's UTF-8 bytes from just after
   * its opening quote: the digits must end at a closing quote before {@code end}.
   */
  static long shortInteger(byte[] utf8, int start, int end) {
    int i = start;
    boolean negative = i < end && utf8[i] == '-';
    if (negative) {
      i++;
    }
    int first = i;
    long v = 0;
    for (; i < end && i - first < 18; i++) {
      byte c = utf8[i];
      if (c == '"') {
        break;
      }
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
      v = v * 10 + (c - '0');
    }
    int digits = i - first;
    if (i >= end || utf8[i] != '"' || digits < 1 || (digits > 1 && utf8[first] == '0')) {
      return Long.MIN_VALUE;
    }
    return negative ? -v : v;
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
