/** The Gangway server: Undertow front end, gRPC backends, config, CLI, reload and admin. */
package dev.gangway.gateway;
