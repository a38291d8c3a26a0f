package dev.gangway.gateway.testing;

import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Gateway configurations for tests, built from the config records with test defaults. */
public final class TestConfigs {
  /** The descriptor set the gateway pom compiles from src/test/proto. */
  public static final Path DESCRIPTORS = Path.of("target/test-descriptors/gateway-test.binpb");
  public static final String ECHO_SERVICE = "gangway.gwtest.v1.EchoService";

  private TestConfigs() {}

  /** 127.0.0.1, ephemeral port, 2 IO threads, otherwise the documented defaults. */
  public static ServerConfig server() {
    return local().build();
  }

  /** {@link #server()} as a builder, to change some settings by name. */
  public static ServerConfig.Builder local() {
    return ServerConfig.DEFAULT.toBuilder().bind("127.0.0.1").port(0).ioThreads(2);
  }

  public static ServerConfig server(long maxRequestBodyBytes, Duration maxGrpcTimeout) {
    return local().maxRequestBodyBytes(maxRequestBodyBytes).maxGrpcTimeout(maxGrpcTimeout)
        .build();
  }

  public static ServerConfig server(Duration readTimeout) {
    return local().readTimeout(readTimeout).build();
  }

  /** Listener timeouts: idle keep-alive connections and stalled request heads or bodies. */
  public static ServerConfig server(Duration idleTimeout, Duration readTimeout) {
    return local().idleTimeout(idleTimeout).readTimeout(readTimeout).build();
  }

  public static ServerConfig server(ServerConfig.StreamFormat streamFormat) {
    return local().streamFormat(streamFormat).build();
  }

  /** Defaults as {@link #server()}, with this {@code stream_timeout}. */
  public static ServerConfig serverWithStreamTimeout(Duration streamTimeout) {
    return local().streamTimeout(streamTimeout).build();
  }

  /**
   * Descriptors from {@code paths} (for reload tests, which build snapshots without serving),
   * one unreachable backend {@code main} for every service.
   */
  public static GatewayConfig reloading(List<Path> paths, boolean watch, Duration pollInterval) {
    return reloading(paths, watch, pollInterval, List.of(unreachableBackend("main", "*")));
  }

  /** Descriptors from {@code paths}, these backends, documented defaults otherwise. */
  public static GatewayConfig reloading(
      List<Path> paths, boolean watch, Duration pollInterval, List<BackendConfig> backends) {
    return GatewayConfig.DEFAULT.toBuilder()
        .descriptors(new DescriptorsConfig(paths, watch, pollInterval))
        .backends(backends)
        .build();
  }

  /** A backend at {@code localhost:1}, where nothing listens: snapshots build, calls fail. */
  public static BackendConfig unreachableBackend(String name, String... services) {
    return backend(name, "localhost:1", services);
  }

  /** A plaintext round-robin backend with a 30s timeout and 4 MiB messages. */
  public static BackendConfig backend(String name, String target, String... services) {
    return backend(name, target, Duration.ofSeconds(30), services);
  }

  public static BackendConfig backend(
      String name, String target, Duration timeout, String... services) {
    return new BackendConfig(name, List.of(services), target, Optional.empty(), timeout, 4 << 20,
        BackendConfig.LoadBalancing.ROUND_ROBIN, Optional.empty());
  }

  public static GatewayConfig config(BackendConfig... backends) {
    return config(server(), List.of(backends), List.of(), HeadersConfig.DEFAULT);
  }

  public static GatewayConfig config(
      ServerConfig server,
      List<BackendConfig> backends,
      List<RouteConfig> routes,
      HeadersConfig headers) {
    if (!Files.isRegularFile(DESCRIPTORS)) {
      throw new IllegalStateException(DESCRIPTORS.toAbsolutePath() + " missing: run the build");
    }
    return GatewayConfig.DEFAULT.toBuilder()
        .server(server)
        .admin(new AdminConfig("127.0.0.1", -1))
        .descriptors(new DescriptorsConfig(List.of(DESCRIPTORS), false, Duration.ofSeconds(2)))
        .backends(backends)
        .routes(routes)
        .headers(headers)
        .build();
  }

  /** A config source that always answers {@code config}. */
  public static ConfigSource source(GatewayConfig config) {
    return new ConfigSource() {
      @Override
      public GatewayConfig load() {
        return config;
      }

      @Override
      public Optional<Path> file() {
        return Optional.empty();
      }
    };
  }
}
