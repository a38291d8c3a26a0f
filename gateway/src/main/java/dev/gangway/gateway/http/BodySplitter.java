package dev.gangway.gateway.http;

import dev.gangway.transcoder.errors.TranscodingException;

/**
 * How a client stream's request body is cut into request messages as it arrives: NDJSON lines
 * or a JSON array ({@link NdjsonSplitter}), or raw pieces of a {@code google.api.HttpBody} body
 * ({@link RawSplitter}). {@link ClientStreamCall} feeds it network reads and owns the call, the
 * binding and the flow control.
 *
 * <p>Not thread-safe: one per stream, confined to the exchange's IO thread.
 */
interface BodySplitter {
  /**
   * Takes one network read, passing every message it completes to {@code sink}.
   *
   * @return false once the stream was rejected (the call is aborted and answered)
   */
  boolean take(byte[] chunk, Sink sink);

  /**
   * The body ended: passes what is left to {@code sink}.
   *
   * @return false once the stream was rejected
   */
  boolean end(Sink sink);

  /** Where messages go. */
  interface Sink {
    /**
     * Binds one message through the route's plan ({@code body} as the request body of type
     * {@code contentType}) and sends it.
     *
     * @param where names the message in a 400 ({@code line 3}, {@code element 2})
     * @return false when it did not bind (the call is aborted with a 400 naming {@code where})
     */
    boolean send(String where, String contentType, byte[] body);

    /** Aborts the call and answers {@code error}; returns false. */
    boolean fail(TranscodingException error);
  }
}
