/**
 * Snapshots and hot reload: the immutable {@link dev.gangway.gateway.reload.RuntimeSnapshot}
 * requests are served from, its holder, and the {@link dev.gangway.gateway.reload.Reloader} that
 * rebuilds and swaps it when descriptor sets or the config file change.
 *
 * <p>Everything is non-null unless its Javadoc says otherwise.
 */
package dev.gangway.gateway.reload;
