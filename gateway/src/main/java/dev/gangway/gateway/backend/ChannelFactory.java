package dev.gangway.gateway.backend;

import dev.gangway.gateway.config.BackendConfig;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the grpc-java channel for one backend: target and name resolver, plaintext or TLS (CA,
 * client certificate for mTLS, authority override), load-balancing policy, inbound message limit
 * and keepalive.
 *
 * <p>Stateless and thread-safe; used only by {@link ChannelRegistry}, off the request path.
 */
final class ChannelFactory {
  static final String USER_AGENT = "gangway";
  /** Largest header list or trailers a backend response may carry (docs/security.md). */
  static final int MAX_RESPONSE_METADATA_BYTES = 1 << 20;
  private static final String SSL_CONTEXT_FAILURE = "Unable to create SslContext: ";

  private ChannelFactory() {}

  /**
   * The channel for {@code backend}, its connections on {@code transport} where the target allows
   * (every target but Unix domain sockets).
   */
  static TransportChannel create(BackendConfig backend, TransportLoop transport)
      throws BackendSetupException {
    checkTarget(backend);
    ManagedChannelBuilder<?> builder;
    try {
      builder = Grpc.newChannelBuilder(backend.target(), credentials(backend));
    } catch (RuntimeException e) {
      throw new BackendSetupException(prefix(backend) + setupFailure(backend, e.getMessage()));
    }
    builder
        .userAgent(USER_AGENT)
        .defaultLoadBalancingPolicy(backend.loadBalancing().policy())
        .maxInboundMessageSize(backend.maxMessageBytes())
        // A backend's error may echo a long resource name in its trailers: accept them (grpc-java
        // would otherwise fail the call at 8 KiB), bounded so one response cannot exhaust memory.
        .maxInboundMetadataSize(MAX_RESPONSE_METADATA_BYTES)
        .intercept(new LocalStatusInterceptor(backend.name()));
    backend.tls().flatMap(BackendConfig.TlsConfig::authority).ifPresent(builder::overrideAuthority);
    boolean onTransport = builder instanceof NettyChannelBuilder netty
        && transport.bind(netty, backend.target());
    backend.keepalive().ifPresent(k -> builder
        .keepAliveTime(k.time().toNanos(), TimeUnit.NANOSECONDS)
        .keepAliveTimeout(k.timeout().toNanos(), TimeUnit.NANOSECONDS)
        .keepAliveWithoutCalls(k.withoutCalls()));
    try {
      return new TransportChannel(builder.build(),
          onTransport ? Optional.of(transport.executor()) : Optional.empty());
    } catch (RuntimeException e) {
      throw new BackendSetupException(
          prefix(backend) + "cannot make a channel to " + backend.target() + ": " + e.getMessage());
    }
  }

  /** Static lists are checked here, so a bad entry is named at load rather than at first call. */
  private static void checkTarget(BackendConfig backend) throws BackendSetupException {
    if (!backend.target().startsWith(StaticTarget.SCHEME + ":")) {
      return;
    }
    try {
      StaticTarget.parse(new URI(backend.target()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new BackendSetupException(prefix(backend) + "target: " + e.getMessage());
    }
  }

  private static ChannelCredentials credentials(BackendConfig backend) throws BackendSetupException {
    if (backend.tls().isEmpty()) {
      return InsecureChannelCredentials.create();
    }
    BackendConfig.TlsConfig tls = backend.tls().get();
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    Optional<Path> ca = tls.caFile();
    if (ca.isPresent()) {
      Path file = readable(backend, "tls.caFile", ca.get());
      try {
        builder.trustManager(file.toFile());
      } catch (IOException | RuntimeException e) {
        throw unusable(backend, "tls.caFile", file, e);
      }
    }
    if (tls.certFile().isPresent() != tls.keyFile().isPresent()) {
      throw new BackendSetupException(
          prefix(backend) + "tls.certFile and tls.keyFile go together (client certificate for mTLS)");
    }
    if (tls.certFile().isPresent()) {
      Path cert = readable(backend, "tls.certFile", tls.certFile().get());
      Path key = readable(backend, "tls.keyFile", tls.keyFile().get());
      try {
        builder.keyManager(cert.toFile(), key.toFile());
      } catch (IOException | RuntimeException e) {
        throw unusable(backend, "tls.certFile/tls.keyFile", cert, e);
      }
    }
    return builder.build();
  }

  /**
   * grpc-java reports a bad PEM file only when it builds the TLS context, as one line per transport
   * provider; keep the TLS reason and name the files it came from.
   */
  private static String setupFailure(BackendConfig backend, String message) {
    String text = message == null ? "" : message;
    int tls = text.indexOf(SSL_CONTEXT_FAILURE);
    if (tls >= 0 && backend.tls().isPresent()) {
      int end = text.indexOf(';', tls);
      String reason = text.substring(tls + SSL_CONTEXT_FAILURE.length(), end < 0 ? text.length() : end);
      BackendConfig.TlsConfig files = backend.tls().get();
      return "TLS files are not usable PEM (tls.caFile " + files.caFile().map(Path::toString).orElse("-")
          + ", tls.certFile " + files.certFile().map(Path::toString).orElse("-")
          + ", tls.keyFile " + files.keyFile().map(Path::toString).orElse("-") + "): " + reason;
    }
    return "cannot make a channel to " + backend.target() + ": " + text;
  }

  private static Path readable(BackendConfig backend, String key, Path file)
      throws BackendSetupException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new BackendSetupException(prefix(backend) + key + " " + file + " cannot be read");
    }
    return file;
  }

  private static BackendSetupException unusable(
      BackendConfig backend, String key, Path file, Exception e) {
    return new BackendSetupException(
        prefix(backend) + key + " " + file + " is not usable PEM: " + e.getMessage());
  }

  private static String prefix(BackendConfig backend) {
    return "backend \"" + backend.name() + "\": ";
  }
}
