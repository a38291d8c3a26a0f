/**
 * Helpers shared by the sample services: google.rpc error details, opaque page tokens and
 * timestamps.
 *
 * <p>Everything here is stateless and thread-safe; parameters and return values are non-null.
 */
package dev.gangway.samples.support;
