/**
 * Errors as HTTP: the gRPC code to HTTP status table ({@link
 * dev.gangway.transcoder.errors.StatusMapping}), the one renderer of {@code google.rpc.Status}
 * bodies ({@link dev.gangway.transcoder.errors.ErrorRenderer}), and the exception the transcoder
 * raises for requests it refuses.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.transcoder.errors;
