/**
 * The admin listener: health, readiness, the routes table, load and reload status, and explain.
 *
 * <p>Everything is non-null unless its Javadoc says otherwise. Read-only: every endpoint answers
 * from the serving snapshot and from the channel states the gateway adapts ({@link
 * dev.gangway.gateway.admin.BackendStates}).
 */
package dev.gangway.gateway.admin;
