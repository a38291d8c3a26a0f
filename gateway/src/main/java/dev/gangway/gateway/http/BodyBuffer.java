package dev.gangway.gateway.http;

import java.util.Arrays;

/**
 * A request body as it arrives: a byte array grown by doubling up to the body limit, whose every
 * allocation is first reserved from the gateway-wide body budget ({@link Admission}), so memory is
 * spent only for bytes a client has actually sent. {@link #release} gives the reservation back;
 * it is idempotent, so both the binding step and the exchange's end may call it.
 *
 * <p>Not thread-safe for appends (the IO thread reading the body); {@link #release} may race with
 * itself and is safe.
 */
final class BodyBuffer {
  /** First allocation: most JSON bodies are small. */
  static final int INITIAL = 4 << 10;
  /**
   * A declared length up to this is allocated exactly when the first bytes arrive, so a typical
   * body is one array and needs no copy at the end; a longer claim is grown into by doubling, so
   * a client that sends a byte of a large declared body holds no more than {@link #INITIAL}.
   */
  static final int EXACT_UP_TO = 16 << 10;

  private final Admission admission;
  private final long budget;
  private final long limit;
  private final long declared;
  private byte[] bytes = new byte[0];
  private int size;
  private long reserved;
  private boolean released;

  /**
   * @param budget {@code limits.max_buffered_bodies}
   * @param limit {@code server.max_request_body}
   * @param declared the body's {@code Content-Length}, or -1 when it has none (chunked)
   */
  BodyBuffer(Admission admission, long budget, long limit, long declared) {
    this.admission = admission;
    this.budget = budget;
    this.limit = limit;
    this.declared = declared;
  }

  /** What appending a chunk came to. */
  enum Append { OK, TOO_LARGE, OVER_BUDGET }

  Append append(byte[] chunk) {
    if ((long) size + chunk.length > limit) {
      return Append.TOO_LARGE;
    }
    if (size + chunk.length > bytes.length) {
      long next = bytes.length == 0 && declared > 0 && declared <= EXACT_UP_TO
          ? declared
          : Math.max(INITIAL, (long) bytes.length * 2);
      long wanted = Math.max((long) size + chunk.length, Math.min(limit, next));
      long growth = wanted - bytes.length;
      synchronized (this) {
        if (released || !admission.tryReserveBody(growth, budget)) {
          return Append.OVER_BUDGET;
        }
        reserved += growth;
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
    System.arraycopy(chunk, 0, bytes, size, chunk.length);
    size += chunk.length;
    return Append.OK;
  }

  /** The body received so far, exactly sized (the copy is not counted: the buffer is dropped). */
  byte[] bytes() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }

  /** Gives the reservation back; the bytes are no longer this buffer's to hold. */
  void release() {
    long give;
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
      give = reserved;
      reserved = 0;
    }
    bytes = new byte[0];
    admission.releaseBody(give);
  }
}
