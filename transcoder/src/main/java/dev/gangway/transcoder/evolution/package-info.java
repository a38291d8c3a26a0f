/**
 * Proto evolution: what a new generation of descriptors breaks for the clients of the served one
 * ({@link BreakingChanges#between}), as a sorted list of {@link BreakingChange}s. Pure
 * comparison of two {@link dev.gangway.transcoder.Transcoder}s; no I/O.
 *
 * <p>Immutable and thread-safe values; everything is non-null unless a Javadoc says otherwise.
 */
package dev.gangway.transcoder.evolution;
