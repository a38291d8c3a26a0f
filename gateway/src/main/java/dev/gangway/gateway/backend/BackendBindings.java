package dev.gangway.gateway.backend;

/**
 * Which backend serves each gRPC method of a snapshot, with the byte[] {@code MethodDescriptor}
 * and the deadline for calls to it.
 *
 * <p>Immutable and thread-safe; part of a {@link dev.gangway.gateway.reload.RuntimeSnapshot}.
 * (Skeleton: the request-path work fills this in.)
 */
public final class BackendBindings {}
