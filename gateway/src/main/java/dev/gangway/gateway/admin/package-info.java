/**
 * The admin listener: health, readiness, the routes table, load and reload status, and explain.
 *
 * <p>Everything is non-null unless its Javadoc says otherwise. Read-only: every endpoint answers
 * from the serving snapshot and from interfaces the gateway adapts ({@link
 * dev.gangway.gateway.admin.BackendStates}, {@link dev.gangway.gateway.admin.ServiceBackends}).
 */
package dev.gangway.gateway.admin;
