package dev.gangway.gateway.testing;

import dev.gangway.gateway.config.AdminConfig;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.transcoder.TranscoderOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Gateway configurations for tests. */
public final class ReloadTestConfigs {
  private ReloadTestConfigs() {}

  /** Descriptors from {@code paths}, one backend {@code main} for every service. */
  public static GatewayConfig config(List<Path> paths, boolean watch, Duration pollInterval) {
    return config(paths, watch, pollInterval, List.of(backend("main", "*")));
  }

  public static GatewayConfig config(
      List<Path> paths, boolean watch, Duration pollInterval, List<BackendConfig> backends) {
    return new GatewayConfig(
        ServerConfig.DEFAULT,
        AdminConfig.DEFAULT,
        new DescriptorsConfig(paths, watch, pollInterval),
        backends,
        List.of(),
        TranscoderOptions.DEFAULT,
        HeadersConfig.DEFAULT);
  }

  public static BackendConfig backend(String name, String... services) {
    return new BackendConfig(name, List.of(services), "localhost:1", Optional.empty(),
        Duration.ofSeconds(30), 4 << 20, BackendConfig.LoadBalancing.ROUND_ROBIN,
        Optional.empty());
  }
}
