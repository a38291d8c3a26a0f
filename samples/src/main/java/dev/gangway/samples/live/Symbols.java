package dev.gangway.samples.live;

import dev.gangway.samples.support.Errors;
import java.util.Locale;

/**
 * Ticker symbols: what a valid one looks like, and the price a symbol's walk starts from.
 *
 * <p>Stateless and thread-safe.
 */
final class Symbols {
  static final int MAX_LENGTH = 12;

  private Symbols() {}

  /**
   * The symbol upper-cased.
   *
   * @param field the field named in the error, e.g. {@code symbol} or {@code quote 3: symbol}
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT unless 1 to 12 letters, digits or '.'
   */
  static String normalize(String symbol, String field) {
    boolean valid = !symbol.isEmpty() && symbol.length() <= MAX_LENGTH
        && symbol.chars().allMatch(c -> c == '.' || (c < 128 && Character.isLetterOrDigit(c)));
    if (!valid) {
      throw Errors.invalidArgument(field, "must be 1 to " + MAX_LENGTH
          + " letters, digits or '.', got \"" + symbol + "\"");
    }
    return symbol.toUpperCase(Locale.ROOT);
  }

  /** The first price of a symbol's walk: 10.00 to 509.99, the same for the same symbol. */
  static double startPrice(String symbol) {
    return 10 + Math.floorMod(symbol.hashCode(), 50_000) / 100.0;
  }
}
