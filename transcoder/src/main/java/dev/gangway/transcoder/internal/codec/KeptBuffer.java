package dev.gangway.transcoder.internal.codec;

/**
 * One byte buffer per thread, kept between calls, for output whose size is not known until it is
 * written (wire bytes from JSON, JSON from wire bytes). Output is written into it and copied out
 * at its exact length: allocating a fresh buffer per call (and touching its fresh pages) cost a
 * tenth of converting an 8 KB message. A buffer that grew past {@link #KEPT_MAX} is not kept, so
 * no thread holds more than that.
 *
 * <p>Thread-confined by construction; a nested taker on the same thread gets a new array.
 */
final class KeptBuffer {
  static final int KEPT_MAX = 64 * 1024;

  private static final ThreadLocal<byte[]> KEPT = new ThreadLocal<>();

  private KeptBuffer() {}

  /** This thread's buffer (taken until {@link #give}), or a new one of about {@code expected}. */
  static byte[] take(int expected) {
    byte[] kept = KEPT.get();
    if (kept == null) {
      return new byte[Math.max(64, Math.min(expected, KEPT_MAX))];
    }
    KEPT.set(null);
    return kept;
  }

  /** Gives {@code buffer} back to this thread for its next call, unless it grew too large. */
  static void give(byte[] buffer) {
    if (buffer.length <= KEPT_MAX) {
      KEPT.set(buffer);
    }
  }
}
