package dev.gangway.gateway.http;

import java.nio.ByteBuffer;

/**
 * Checks one chunked request body as its bytes arrive (RFC 9112 section 7.1), for
 * {@link Http1Framing}: every chunk size, chunk and trailer line ends in CRLF (never a bare LF,
 * where parsers disagree and requests are smuggled), sizes are hex of at most 15 digits, and chunk
 * extensions and trailers, which the gateway ignores, take at most 8 KiB together.
 *
 * <pre>
 * chunked-body   = *chunk last-chunk trailer-section CRLF
 * chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 * last-chunk     = 1*("0") [ chunk-ext ] CRLF
 * trailer-section = *( field-line CRLF )
 * </pre>
 *
 * <p>Not thread-safe: confined to the connection's IO thread.
 */
final class ChunkedFraming {
  private enum State {
    SIZE_START, SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF,
    TRAILER_START, TRAILER_LINE, TRAILER_LINE_LF, END_LF, DONE, REFUSED
  }

  /** Hex digits of a chunk size: 15 keep it within a long. */
  private static final int MAX_SIZE_DIGITS = 15;
  /** Chunk extensions and trailer lines are ignored, so only a little of them is allowed. */
  private static final int MAX_METADATA = 8 << 10;

  private State state = State.DONE;
  private long remaining;
  private int sizeDigits;
  private int metadata;

  /** A new body begins. */
  void start() {
    state = State.SIZE_START;
    metadata = 0;
  }

  /** Whether the body ended with its last chunk, trailers and CRLF. */
  boolean done() {
    return state == State.DONE;
  }

  /** Whether a byte of the body's framing was refused. */
  boolean refused() {
    return state == State.REFUSED;
  }

  /**
   * Checks {@code bytes[from, to)} (absolute indexes). Returns where it stopped: {@code to}, the
   * index after the body's end ({@link #done()}), or the refused byte's ({@link #refused()}).
   */
  int scan(ByteBuffer bytes, int from, int to) {
    int i = from;
    while (i < to && state != State.DONE) {
      if (state == State.DATA) {
        int skip = (int) Math.min(remaining, to - i);
        i += skip;
        remaining -= skip;
        if (remaining == 0) {
          state = State.DATA_CR;
        }
        continue;
      }
      if (!accept(bytes.get(i) & 0xff)) {
        state = State.REFUSED;
        return i;
      }
      i++;
    }
    return i;
  }

  private boolean accept(int b) {
    switch (state) {
      case SIZE_START:
        if (HttpChars.hexValue(b) < 0) {
          return false;
        }
        remaining = 0;
        sizeDigits = 0;
        state = State.SIZE;
        return accept(b);
      case SIZE:
        if (HttpChars.hexValue(b) >= 0) {
          remaining = remaining * 16 + HttpChars.hexValue(b);
          return ++sizeDigits <= MAX_SIZE_DIGITS;
        }
        if (b == ';' || b == ' ' || b == '\t') {
          state = State.EXTENSION;
          return metadata();
        }
        return expect(b == '\r', State.SIZE_LF);
      case EXTENSION:
        if (b == '\r') {
          state = State.SIZE_LF;
          return true;
        }
        return HttpChars.isFieldByte(b) && metadata();
      case SIZE_LF:
        return expect(b == '\n', remaining == 0 ? State.TRAILER_START : State.DATA);
      case DATA_CR:
        return expect(b == '\r', State.DATA_LF);
      case DATA_LF:
        return expect(b == '\n', State.SIZE_START);
      case TRAILER_START:
        if (b == '\r') {
          state = State.END_LF;
          return true;
        }
        state = State.TRAILER_LINE;
        return HttpChars.isTokenChar(b) && metadata();
      case TRAILER_LINE:
        if (b == '\r') {
          state = State.TRAILER_LINE_LF;
          return true;
        }
        return HttpChars.isFieldByte(b) && metadata();
      case TRAILER_LINE_LF:
        return expect(b == '\n', State.TRAILER_START);
      case END_LF:
        return expect(b == '\n', State.DONE);
      default:
        throw new IllegalStateException(state.name());
    }
  }

  private boolean metadata() {
    return ++metadata <= MAX_METADATA;
  }

  private boolean expect(boolean ok, State next) {
    if (ok) {
      state = next;
    }
    return ok;
  }
}
