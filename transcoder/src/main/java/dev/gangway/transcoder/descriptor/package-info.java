/**
 * Loading binary {@code FileDescriptorSet}s into an immutable snapshot of files, services and
 * message types, with built-in well-known types, google/api and google/rpc files.
 *
 * <p>Everything here is setup code: it runs at load and reload, never per request. Parameters and
 * return values are non-null unless documented otherwise.
 */
package dev.gangway.transcoder.descriptor;
