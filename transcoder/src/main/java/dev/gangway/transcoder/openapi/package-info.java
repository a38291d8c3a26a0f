/**
 * OpenAPI 3.1 documents generated from loaded descriptors and the served HTTP bindings: paths and
 * parameters from the path templates, query parameters from the request messages, schemas in the
 * proto3 JSON form, descriptions from the proto comments. Pure: no sockets, no I/O but the
 * {@code JsonGenerator} a caller hands in.
 *
 * <p>{@link OpenApiBuilder} is setup code (not thread-safe, run once per snapshot), and so is the
 * {@link OpenApiDocument} it builds: it makes its operations while it is written, so that a large
 * document is never held whole. Everything is non-null unless a Javadoc
 * says otherwise.
 */
package dev.gangway.transcoder.openapi;
