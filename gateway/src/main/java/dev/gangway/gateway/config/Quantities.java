package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses the two unit-bearing value kinds of the config file: durations ({@code 500ms}, {@code 5s},
 * {@code 1m}, {@code 1h}) and sizes ({@code 1048576}, {@code 512KiB}, {@code 4MiB}, {@code 1GiB}).
 *
 * <p>Stateless and thread-safe. Only binary suffixes are accepted for sizes, so {@code 16KB} (which
 * could mean 16000 or 16384) is an error instead of a guess.
 */
final class Quantities {
  static final String DURATION_HINT = "use 500ms, 5s, 1m or 1h";
  static final String SIZE_HINT = "use bytes or KiB, MiB, GiB, e.g. 4MiB";

  /** Long enough for any sane value, short enough that the digits never overflow a long. */
  private static final int MAX_DIGITS = 15;

  private Quantities() {}

  /** A whole number followed by {@code ms}, {@code s}, {@code m} or {@code h}; empty otherwise. */
  static Optional<Duration> parseDuration(String text) {
    int digits = leadingDigits(text);
    if (digits == 0 || digits > MAX_DIGITS) {
      return Optional.empty();
    }
    long amount = Long.parseLong(text.substring(0, digits));
    switch (text.substring(digits)) {
      case "ms":
        return Optional.of(Duration.ofMillis(amount));
      case "s":
        return Optional.of(Duration.ofSeconds(amount));
      case "m":
        return Optional.of(Duration.ofMinutes(amount));
      case "h":
        return Optional.of(Duration.ofHours(amount));
      default:
        return Optional.empty();
    }
  }

  /** A whole number of bytes, optionally followed by {@code KiB}, {@code MiB} or {@code GiB}. */
  static OptionalLong parseSize(String text) {
    int digits = leadingDigits(text);
    if (digits == 0 || digits > MAX_DIGITS) {
      return OptionalLong.empty();
    }
    long amount = Long.parseLong(text.substring(0, digits));
    switch (text.substring(digits)) {
      case "":
        return OptionalLong.of(amount);
      case "KiB":
        return OptionalLong.of(scale(amount, 10));
      case "MiB":
        return OptionalLong.of(scale(amount, 20));
      case "GiB":
        return OptionalLong.of(scale(amount, 30));
      default:
        return OptionalLong.empty();
    }
  }

  /** {@code 4MiB} for 4194304, {@code 1000} for 1000: the shortest exact spelling, for messages. */
  static String formatSize(long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes >= unit && bytes % unit == 0) {
        return (bytes >> shifts[i]) + units[i];
      }
    }
    return Long.toString(bytes);
  }

  /** Saturates instead of overflowing, so a huge value fails the range check, not the syntax. */
  private static long scale(long amount, int shift) {
    return amount > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : amount << shift;
  }

  private static int leadingDigits(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
