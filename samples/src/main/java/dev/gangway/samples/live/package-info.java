/**
 * The Live sample: one gRPC method of each streaming kind, for the demo page and the gateway's
 * streaming end-to-end tests: a price ticker (server streaming that follows flow control), quote
 * recording (client streaming) and chat rooms (bidirectional)
 * ({@link dev.gangway.samples.live.LiveService}, {@link dev.gangway.samples.live.LiveProbe}).
 *
 * <p>Thread-safe; parameters and return values are non-null.
 */
package dev.gangway.samples.live;
