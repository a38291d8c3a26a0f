/**
 * The transcoder's options: {@link TranscoderOptions}, an immutable value with a builder and a
 * shared default. A package of its own because every stage (binding, JSON, routing) reads the
 * options and the facade that builds those stages must not be read back by them.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.gangway.transcoder.options;
