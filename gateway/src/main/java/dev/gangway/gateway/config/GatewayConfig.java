package dev.gangway.gateway.config;

import dev.gangway.transcoder.TranscoderOptions;
import java.util.List;
import java.util.Objects;

/**
 * The whole gateway configuration, validated: what the YAML file and the CLI flags say.
 *
 * <p>Immutable. Built by {@link ConfigLoader}; every key is documented in docs/configuration.md.
 */
public record GatewayConfig(
    ServerConfig server,
    AdminConfig admin,
    DescriptorsConfig descriptors,
    List<BackendConfig> backends,
    List<RouteConfig> routes,
    TranscoderOptions transcoding,
    HeadersConfig headers,
    List<CompositeConfig> composites,
    List<StaticConfig> staticFiles,
    WebSocketConfig webSocket) {

  /** What the gateway runs with when there is no config file and no flag. */
  public static final GatewayConfig DEFAULT = new GatewayConfig(
      ServerConfig.DEFAULT, AdminConfig.DEFAULT, DescriptorsConfig.DEFAULT, List.of(), List.of(),
      TranscoderOptions.DEFAULT, HeadersConfig.DEFAULT, List.of(), List.of(),
      WebSocketConfig.DEFAULT);

  public GatewayConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(descriptors, "descriptors");
    backends = List.copyOf(backends);
    routes = List.copyOf(routes);
    Objects.requireNonNull(transcoding, "transcoding");
    Objects.requireNonNull(headers, "headers");
    composites = List.copyOf(composites);
    staticFiles = List.copyOf(staticFiles);
    Objects.requireNonNull(webSocket, "webSocket");
  }

  /** This configuration with another {@code websocket} section. */
  public GatewayConfig withWebSocket(WebSocketConfig webSocket) {
    return new GatewayConfig(server, admin, descriptors, backends, routes, transcoding, headers,
        composites, staticFiles, webSocket);
  }

  /** A configuration without static files and with the default {@code websocket} section. */
  public GatewayConfig(
      ServerConfig server,
      AdminConfig admin,
      DescriptorsConfig descriptors,
      List<BackendConfig> backends,
      List<RouteConfig> routes,
      TranscoderOptions transcoding,
      HeadersConfig headers,
      List<CompositeConfig> composites) {
    this(server, admin, descriptors, backends, routes, transcoding, headers, composites,
        List.of(), WebSocketConfig.DEFAULT);
  }

  /** A configuration without composite routes and static files, default {@code websocket}. */
  public GatewayConfig(
      ServerConfig server,
      AdminConfig admin,
      DescriptorsConfig descriptors,
      List<BackendConfig> backends,
      List<RouteConfig> routes,
      TranscoderOptions transcoding,
      HeadersConfig headers) {
    this(server, admin, descriptors, backends, routes, transcoding, headers, List.of(),
        List.of(), WebSocketConfig.DEFAULT);
  }
}
