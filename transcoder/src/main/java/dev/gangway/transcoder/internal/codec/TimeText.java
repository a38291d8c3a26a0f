package dev.gangway.transcoder.internal.codec;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The JSON text of {@code google.protobuf.Timestamp} (RFC 3339) and {@code Duration}
 * ({@code 1.5s}), written and read by hand: protobuf-java-util's {@code Timestamps} and
 * {@code Durations} go through {@code SimpleDateFormat}, {@code String.format} and calendars,
 * which cost more per value than the rest of a small response. Ranges and output are theirs:
 * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, durations within +-10,000 years, and
 * 0, 3, 6 or 9 fraction digits. Input is RFC 3339 exactly (two-digit fields, {@code T} or
 * {@code t}, {@code Z}, {@code z} or a {@code +hh:mm} offset; no leap second) and
 * {@code -?digits(.digits)?s}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TimeText {
  /** 0001-01-01T00:00:00Z. */
  static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L;
  /** 9999-12-31T23:59:59Z. */
  static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;
  /** 10,000 years, as protobuf's duration.proto gives it. */
  static final long MAX_DURATION_SECONDS = 315_576_000_000L;
  private static final int NANOS_PER_SECOND = 1_000_000_000;
  private static final int SECONDS_PER_DAY = 86_400;

  private TimeText() {}

  /** Seconds and nanos, as the two fields of a Timestamp or Duration hold them. */
  public record SecondsNanos(long seconds, int nanos) {}

  /**
   * RFC 3339 in UTC, e.g. {@code 2024-02-29T12:00:00.500Z}.
   *
   * @throws IllegalArgumentException if the value is outside the range JSON can write
   */
  public static String timestamp(long seconds, int nanos) {
    if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS
        || nanos < 0 || nanos >= NANOS_PER_SECOND) {
      throw new IllegalArgumentException("timestamp out of range");
    }
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(days);
    char[] out = new char[30];
    int n = digits(out, 0, date.getYear(), 4);
    out[n++] = '-';
    n = digits(out, n, date.getMonthValue(), 2);
    out[n++] = '-';
    n = digits(out, n, date.getDayOfMonth(), 2);
    out[n++] = 'T';
    n = digits(out, n, secondOfDay / 3600, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay / 60 % 60, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay % 60, 2);
    n = fraction(out, n, nanos);
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  /**
   * Seconds with 0, 3, 6 or 9 fraction digits and {@code s}, e.g. {@code -1.500s}.
   *
   * @throws IllegalArgumentException if the value is outside the range or its signs differ
   */
  public static String duration(long seconds, int nanos) {
    if (seconds < -MAX_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS
        || nanos <= -NANOS_PER_SECOND || nanos >= NANOS_PER_SECOND
        || (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0)) {
      throw new IllegalArgumentException("duration out of range");
    }
    StringBuilder out = new StringBuilder(24);
    if (seconds < 0 || nanos < 0) {
      out.append('-');
    }
    out.append(Math.abs(seconds));
    char[] fraction = new char[10];
    int n = fraction(fraction, 0, Math.abs(nanos));
    return out.append(fraction, 0, n).append('s').toString();
  }

  /**
   * Reads RFC 3339 text as seconds and nanos since the epoch.
   *
   * @throws IllegalArgumentException if it is not RFC 3339 or is out of range
   */
  public static SecondsNanos parseTimestamp(String text) {
    int len = text.length();
    if (len < 20 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      throw invalid();
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if (year < 1 || hour > 23 || minute > 59 || second > 59) {
      throw invalid();
    }
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int end = i + 1;
      while (end < len && isDigit(text.charAt(end))) {
        end++;
      }
      nanos = nanos(text, i + 1, end);
      i = end;
    }
    if (i >= len) {
      throw invalid();
    }
    long offsetSeconds;
    char zone = text.charAt(i);
    if ((zone == 'Z' || zone == 'z') && i + 1 == len) {
      offsetSeconds = 0;
    } else if ((zone == '+' || zone == '-') && i + 6 == len && text.charAt(i + 3) == ':') {
      int offsetHours = number(text, i + 1, 2);
      int offsetMinutes = number(text, i + 4, 2);
      if (offsetHours > 23 || offsetMinutes > 59) {
        throw invalid();
      }
      offsetSeconds = (offsetHours * 3600L + offsetMinutes * 60L) * (zone == '+' ? 1 : -1);
    } else {
      throw invalid();
    }
    long days;
    try {
      days = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      throw invalid();
    }
    long seconds = days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
    if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) {
      throw invalid();
    }
    return new SecondsNanos(seconds, nanos);
  }

  /**
   * Reads {@code -?digits(.digits)?s} as seconds and nanos of the same sign.
   *
   * @throws IllegalArgumentException if it is not that or is out of range
   */
  public static SecondsNanos parseDuration(String text) {
    int len = text.length();
    if (len < 2 || text.charAt(len - 1) != 's') {
      throw invalid();
    }
    boolean negative = text.charAt(0) == '-';
    int start = negative ? 1 : 0;
    int dot = start;
    while (dot < len - 1 && isDigit(text.charAt(dot))) {
      dot++;
    }
    if (dot == start || dot - start > 12) {
      throw invalid();
    }
    long seconds = 0;
    for (int i = start; i < dot; i++) {
      seconds = seconds * 10 + (text.charAt(i) - '0');
    }
    int nanos = 0;
    if (dot < len - 1) {
      if (text.charAt(dot) != '.') {
        throw invalid();
      }
      nanos = nanos(text, dot + 1, len - 1);
    }
    if (seconds > MAX_DURATION_SECONDS) {
      throw invalid();
    }
    return negative ? new SecondsNanos(-seconds, -nanos) : new SecondsNanos(seconds, nanos);
  }

  /** 1 to 9 digits in {@code text[from, to)} as nanoseconds. */
  private static int nanos(String text, int from, int to) {
    int count = to - from;
    if (count < 1 || count > 9) {
      throw invalid();
    }
    int nanos = 0;
    for (int i = 0; i < 9; i++) {
      nanos *= 10;
      if (i < count) {
        char c = text.charAt(from + i);
        if (!isDigit(c)) {
          throw invalid();
        }
        nanos += c - '0';
      }
    }
    return nanos;
  }

  /** Exactly {@code count} digits at {@code from}. */
  private static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        throw invalid();
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code value} as {@code width} digits with leading zeros, at {@code at}; the next index. */
  private static int digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /** Nothing for 0, else {@code .} and 3, 6 or 9 digits, as protobuf prints. */
  private static int fraction(char[] out, int at, int nanos) {
    if (nanos == 0) {
      return at;
    }
    out[at] = '.';
    if (nanos % 1_000_000 == 0) {
      return digits(out, at + 1, nanos / 1_000_000, 3);
    }
    if (nanos % 1000 == 0) {
      return digits(out, at + 1, nanos / 1000, 6);
    }
    return digits(out, at + 1, nanos, 9);
  }

  private static NotValid invalid() {
    return NotValid.INSTANCE;
  }

  /**
   * Bad client input, met on the request path: one shared instance without a stack trace, since
   * callers only turn it into their own message.
   */
  static final class NotValid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    static final NotValid INSTANCE = new NotValid();

    private NotValid() {
      super("not valid", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
