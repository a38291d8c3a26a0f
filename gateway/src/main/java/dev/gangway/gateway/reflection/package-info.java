/**
 * Descriptors from the backends themselves: gRPC server reflection ({@code grpc.reflection.v1},
 * v1alpha fallback) fetched at start and on a schedule ({@link
 * dev.gangway.gateway.reflection.ReflectedDescriptors}), merged with the dropped-in files (the
 * files win; {@link dev.gangway.gateway.reflection.ReflectionMerge}), and the drift between the
 * two (docs/operations.md#descriptors-from-server-reflection).
 *
 * <p>Everything is non-null unless marked otherwise.
 */
package dev.gangway.gateway.reflection;
