package dev.gangway.transcoder.internal.codec;

/**
 * An int array per thread, kept between calls, for a per-call table whose size is not known up
 * front (the printer's field records and map entries): growing a fresh array to the size of an
 * 8 KB message's records on every call cost about a tenth of printing it. An array that grew
 * past {@link #KEPT_MAX} ints is not kept, so no thread holds more than that per table.
 *
 * <p>Thread-confined by construction; a nested taker on the same thread gets a new array.
 */
final class KeptInts {
  static final int KEPT_MAX = 16 * 1024;

  private final ThreadLocal<int[]> kept = new ThreadLocal<>();
  private final int initial;

  KeptInts(int initial) {
    this.initial = initial;
  }

  /** This thread's array (taken until {@link #give}; its contents are stale), or a new one. */
  int[] take() {
    int[] ints = kept.get();
    if (ints == null) {
      return new int[initial];
    }
    kept.set(null);
    return ints;
  }

  /** Gives {@code ints} back to this thread for its next call, unless it grew too large. */
  void give(int[] ints) {
    if (ints.length <= KEPT_MAX) {
      kept.set(ints);
    }
  }
}
