package dev.gangway.gateway.http;

import java.util.Arrays;

/**
 * Cuts a raw request body bound to a {@code google.api.HttpBody} into messages: each network
 * read is one message (split into pieces of at most {@link #MAX_PIECE} bytes), carrying the
 * request's {@code Content-Type}. Nothing is buffered; an empty body is a stream of no messages.
 *
 * <p>Not thread-safe: one per stream, confined to the exchange's IO thread.
 */
final class RawSplitter implements BodySplitter {
  /** The most data one message carries: keeps messages small whatever a read returns. */
  static final int MAX_PIECE = 64 << 10;

  private final String contentType;
  private int messages;

  /** @param contentType the request's Content-Type, empty when it had none */
  RawSplitter(String contentType) {
    this.contentType = contentType;
  }

  @Override
  public boolean take(byte[] chunk, Sink sink) {
    if (chunk.length <= MAX_PIECE) {
      return chunk.length == 0 || send(chunk, sink);
    }
    for (int start = 0; start < chunk.length; start += MAX_PIECE) {
      if (!send(Arrays.copyOfRange(chunk, start, Math.min(chunk.length, start + MAX_PIECE)),
          sink)) {
        return false;
      }
    }
    return true;
  }

  private boolean send(byte[] piece, Sink sink) {
    messages++;
    return sink.send("message " + messages, contentType, piece);
  }

  @Override
  public boolean end(Sink sink) {
    return true;
  }
}
