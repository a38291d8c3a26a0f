/**
 * Errors as HTTP: the gRPC code to HTTP status table ({@link StatusMapping}) and the exception the
 * transcoder raises for requests it refuses ({@link TranscodingException}). The one renderer of
 * {@code google.rpc.Status} bodies is {@code dev.gangway.transcoder.internal.json.ErrorRenderer},
 * reached through {@link dev.gangway.transcoder.Transcoder#renderError}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.transcoder.errors;
