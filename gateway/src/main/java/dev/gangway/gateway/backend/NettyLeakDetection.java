package dev.gangway.gateway.backend;

import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;

/**
 * Turns off Netty's buffer leak detector in the gateway unless the operator asked for it.
 *
 * <p>Why: at its default level Netty tracks one buffer allocation in 128 and records a stack
 * trace for each (a {@code Throwable} per tracked buffer). Under the peer benchmark that was 1-2%
 * of the gateway's CPU on the transport thread, exceptions on the hot path for a diagnostic that
 * finds bugs in code that allocates Netty buffers by hand, which the gateway does not (grpc-java
 * owns every buffer). Setting the property below keeps the operator's choice, for example
 * {@code -Dio.grpc.netty.shaded.io.netty.leakDetection.level=paranoid} while chasing a suspected
 * leak (docs/operations.md#threads).
 */
final class NettyLeakDetection {
  /**
   * The level property as grpc-netty-shaded's Netty reads it: shading relocated the name along
   * with the packages, so Netty's documented {@code io.netty.leakDetection.level} has no effect.
   */
  static final String PROPERTY = "io.grpc.netty.shaded.io.netty.leakDetection.level";

  private NettyLeakDetection() {}

  /** Disables the detector unless the property is set; idempotent. */
  static void configure() {
    if (System.getProperty(PROPERTY) == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
}
