/**
 * Which HTTP request headers become gRPC metadata and which metadata becomes response headers:
 * {@link dev.gangway.gateway.headers.HeaderMapping}, compiled once per snapshot from the {@code
 * headers} config section.
 *
 * <p>Everything is non-null unless its Javadoc says otherwise.
 */
package dev.gangway.gateway.headers;
