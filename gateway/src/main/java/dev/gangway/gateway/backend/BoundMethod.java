package dev.gangway.gateway.backend;

import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One gRPC method of a snapshot bound to the backend that serves it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param grpcMethod the byte[] method descriptor calls are made with (built once per snapshot)
 * @param channel the backend's shared channel; empty when no backend serves the method's service
 * @param backendName the serving backend's name; empty when none
 * @param timeout the deadline of a call: the route's timeout, else for a streaming method the
 *     server's {@code stream_timeout}, else the backend's
 */
public record BoundMethod(
    MethodDescriptor<byte[], byte[]> grpcMethod,
    Optional<Channel> channel,
    Optional<String> backendName,
    Duration timeout) {

  public BoundMethod {
    Objects.requireNonNull(grpcMethod, "grpcMethod");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(backendName, "backendName");
    Objects.requireNonNull(timeout, "timeout");
  }
}
