/**
 * The OpenAPI documents a snapshot publishes ({@code openapi} config section): the transcoder's
 * {@code OpenApiBuilder} fed with the snapshot's routes, composites and security schemes, written
 * once as JSON and YAML when the snapshot is built.
 *
 * <p>Setup code; everything is non-null unless a Javadoc says otherwise.
 */
package dev.gangway.gateway.openapi;
