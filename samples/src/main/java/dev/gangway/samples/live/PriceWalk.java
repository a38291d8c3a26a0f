package dev.gangway.samples.live;

import java.util.SplittableRandom;

/**
 * The made-up prices of one ticker: a random walk from the symbol's start price, each step at
 * most 1% up or down, rounded to cents, never below 0.01. The same symbol walks the same way.
 *
 * <p>Not thread-safe; one per WatchTicker call, used under that call's lock.
 */
final class PriceWalk {
  private final SplittableRandom random;
  private double price;

  PriceWalk(String symbol) {
    this.random = new SplittableRandom(symbol.hashCode());
    this.price = Symbols.startPrice(symbol);
  }

  /** The next price (the first call returns the start price). */
  double next() {
    double current = price;
    double step = current * (random.nextDouble() * 0.02 - 0.01);
    price = Math.max(0.01, Math.round((current + step) * 100) / 100.0);
    return current;
  }
}
