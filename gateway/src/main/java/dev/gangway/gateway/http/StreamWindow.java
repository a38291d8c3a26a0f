package dev.gangway.gateway.http;

/**
 * The flow-control window of one response stream: how many messages the gateway asks the backend
 * for (gRPC's manual flow control, {@code ClientCall.request}) beyond those it has flushed to the
 * client. Messages requested and not yet flushed are at most {@value #MIN_MESSAGES} or, while
 * every message so far has been small, as many as fit in {@value #BYTES} bytes at the size of
 * the largest, up to {@value #MAX_MESSAGES}; flushed messages are asked for again once half the
 * window is free, all at once.
 *
 * <p>Why it grows: each request wakes gRPC's transport thread, and the messages it then delivers
 * cost a wake-up of the IO thread and a write, some 25 µs together on a 2-core machine. A fixed
 * window of 16 spent that on every 8 messages of 100 bytes, more than the rendering; a window of
 * 64 KiB spends it on every 32 KiB. Why it is bounded by the largest message: a client that
 * reads slowly must hold the backend back within a bounded amount of memory. A backend that sends
 * small messages and then large ones can have up to {@value #MAX_MESSAGES} of them requested
 * before the window shrinks back to {@value #MIN_MESSAGES}: that, times the backend's largest
 * message (gRPC's inbound limit), is the worst a stream holds, besides gRPC's own transport window.
 *
 * <p>Not thread-safe: confined to the stream's IO thread.
 */
final class StreamWindow {
  /** The window for large messages, and the first request of every stream. */
  static final int MIN_MESSAGES = 16;
  /** The window for messages of {@value #BYTES} / 256 bytes or fewer. */
  static final int MAX_MESSAGES = 256;
  /** The bytes the window holds at the size of the largest message so far. */
  static final int BYTES = 64 << 10;

  /** Messages requested from the backend and not yet flushed to the client. */
  private int outstanding;
  private int largest;

  /** The first request of a stream: {@value #MIN_MESSAGES} messages. */
  int open() {
    outstanding = MIN_MESSAGES;
    return MIN_MESSAGES;
  }

  /** A message of {@code bytes} arrived (as it will be written). */
  void arrived(int bytes) {
    largest = Math.max(largest, bytes);
  }

  /**
   * {@code messages} were flushed to the client; returns how many to ask the backend for now
   * (0 for none yet).
   */
  int flushed(int messages) {
    outstanding -= messages;
    int window = size();
    int free = window - outstanding;
    if (free < Math.max(1, window / 2)) {
      return 0;
    }
    outstanding += free;
    return free;
  }

  /** The window now, in messages. */
  int size() {
    int fit = BYTES / Math.max(1, largest);
    return Math.max(MIN_MESSAGES, Math.min(MAX_MESSAGES, fit));
  }
}
