package dev.gangway.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One gRPC backend: where it is, which services it serves, how to talk to it.
 *
 * @param name unique name, used in logs, metrics and the admin API
 * @param services service patterns: a full name ({@code pkg.Service}), {@code pkg.*} or {@code *};
 *     the most specific pattern over all backends wins
 * @param target a grpc-java target: {@code host:port}, {@code dns:///host:port},
 *     {@code unix:///path}, or {@code static:///h1:p1,h2:p2} for a fixed list
 * @param tls TLS settings; empty for plaintext
 * @param timeout default deadline of calls (default 30s)
 * @param maxMessageBytes largest response message accepted (default 4 MiB)
 * @param loadBalancing how calls spread over the target's addresses (default round_robin)
 * @param keepalive HTTP/2 keepalive pings; empty for none
 * @param reflection whether the backend is a source of its own descriptors (default off)
 */
public record BackendConfig(
    String name,
    List<String> services,
    String target,
    Optional<TlsConfig> tls,
    Duration timeout,
    int maxMessageBytes,
    LoadBalancing loadBalancing,
    Optional<KeepaliveConfig> keepalive,
    ReflectionConfig reflection) {

  /** Deadline of calls when neither the route nor the backend sets one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** grpc-java's own default inbound message limit. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 << 20;

  public static final LoadBalancing DEFAULT_LOAD_BALANCING = LoadBalancing.ROUND_ROBIN;

  /** A plaintext backend with the default timeout, message size and load balancing. */
  public static BackendConfig of(String name, List<String> services, String target) {
    return new BackendConfig(name, services, target, Optional.empty(), DEFAULT_TIMEOUT,
        DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_LOAD_BALANCING, Optional.empty());
  }

  /** Without server reflection. */
  public BackendConfig(String name, List<String> services, String target,
      Optional<TlsConfig> tls, Duration timeout, int maxMessageBytes,
      LoadBalancing loadBalancing, Optional<KeepaliveConfig> keepalive) {
    this(name, services, target, tls, timeout, maxMessageBytes, loadBalancing, keepalive,
        ReflectionConfig.DISABLED);
  }

  /** This backend with {@code reflection} instead of its own setting. */
  public BackendConfig withReflection(ReflectionConfig reflection) {
    return new BackendConfig(name, services, target, tls, timeout, maxMessageBytes,
        loadBalancing, keepalive, reflection);
  }

  public BackendConfig {
    Objects.requireNonNull(name, "name");
    services = List.copyOf(services);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(loadBalancing, "loadBalancing");
    Objects.requireNonNull(keepalive, "keepalive");
    Objects.requireNonNull(reflection, "reflection");
  }

  /** grpc-java load-balancing policies. */
  public enum LoadBalancing {
    ROUND_ROBIN("round_robin"),
    PICK_FIRST("pick_first");

    private final String policy;

    LoadBalancing(String policy) {
      this.policy = policy;
    }

    /** The grpc-java policy name. */
    public String policy() {
      return policy;
    }
  }

  /**
   * TLS to the backend.
   *
   * @param caFile PEM trust roots; empty = the JVM's default trust store
   * @param certFile PEM client certificate chain for mTLS; empty = no client certificate
   * @param keyFile PEM PKCS#8 private key for mTLS (with certFile)
   * @param authority override of the name checked against the server certificate
   */
  public record TlsConfig(
      Optional<java.nio.file.Path> caFile,
      Optional<java.nio.file.Path> certFile,
      Optional<java.nio.file.Path> keyFile,
      Optional<String> authority) {
    public TlsConfig {
      Objects.requireNonNull(caFile, "caFile");
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(authority, "authority");
    }
  }

  /**
   * HTTP/2 keepalive.
   *
   * @param time ping after this much silence
   * @param timeout drop the connection if the ping is not answered within this
   * @param withoutCalls ping even when no call is active
   */
  public record KeepaliveConfig(Duration time, Duration timeout, boolean withoutCalls) {
    /** grpc-java's default keepalive timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public KeepaliveConfig {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(timeout, "timeout");
    }
  }
}
