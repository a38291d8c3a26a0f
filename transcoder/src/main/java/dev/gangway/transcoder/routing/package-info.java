/**
 * What routing answers, as the library's API: {@link MatchResult} (matched, not found, method not
 * allowed), the {@link HttpBinding} of a served route, and the {@link RouteConflict}s reported at
 * build. The trie that produces them lives in {@code dev.gangway.transcoder.internal.routing}.
 *
 * <p>Immutable and thread-safe values; everything is non-null unless a Javadoc says otherwise.
 */
package dev.gangway.transcoder.routing;
