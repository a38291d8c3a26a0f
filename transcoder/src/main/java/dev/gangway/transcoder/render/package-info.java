/**
 * What the transcoder writes back: {@link RenderedBody} (a response message as JSON or raw {@code
 * google.api.HttpBody}) and {@link RenderedError} (an HTTP status and {@code google.rpc.Status}
 * JSON body). Immutable values.
 */
package dev.gangway.transcoder.render;
