/**
 * gRPC backends: one shared channel per backend ({@link dev.gangway.gateway.backend.ChannelRegistry}),
 * the binding of every served method to its backend and deadline
 * ({@link dev.gangway.gateway.backend.BackendBindings}), the {@code static:///} name resolver and the
 * snapshot factory that puts descriptors, transcoder and bindings together.
 *
 * <p>Non-null by default: parameters, fields and return values are never null unless marked.
 */
package dev.gangway.gateway.backend;
