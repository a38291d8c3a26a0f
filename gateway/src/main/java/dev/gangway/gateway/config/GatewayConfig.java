package dev.gangway.gateway.config;

import dev.gangway.transcoder.options.TranscoderOptions;
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
    WebSocketConfig webSocket,
    LimitsConfig limits,
    ShutdownConfig shutdown,
    AuthConfig auth,
    AccessConfig access,
    RateLimitsConfig rateLimits,
    CorsConfig cors,
    OpenApiConfig openApi,
    AccessLogConfig accessLog,
    TracingConfig tracing) {

  /** What the gateway runs with when there is no config file and no flag. */
  public static final GatewayConfig DEFAULT = new GatewayConfig(
      ServerConfig.DEFAULT, AdminConfig.DEFAULT, DescriptorsConfig.DEFAULT, List.of(), List.of(),
      TranscoderOptions.DEFAULT, HeadersConfig.DEFAULT, List.of(), List.of(),
      WebSocketConfig.DEFAULT, LimitsConfig.DEFAULT, ShutdownConfig.DEFAULT, AuthConfig.DEFAULT,
      AccessConfig.DEFAULT, RateLimitsConfig.DEFAULT, CorsConfig.DEFAULT,
      OpenApiConfig.DEFAULT, AccessLogConfig.DEFAULT, TracingConfig.DEFAULT);

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
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(cors, "cors");
    Objects.requireNonNull(openApi, "openApi");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(tracing, "tracing");
  }

  /**
   * The options the transcoder is built with: the {@code transcoding} section, holding JSON input
   * to the {@code limits} section's JSON limits, which its codec enforces as it reads.
   */
  public TranscoderOptions transcoderOptions() {
    return transcoding.toBuilder().jsonLimits(limits.jsonInputLimits()).build();
  }

  /** A builder starting from this configuration, for changing some sections by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link GatewayConfig} by section rather than by position. Not thread-safe; the
   * config it builds is immutable.
   */
  public static final class Builder {
    private ServerConfig server;
    private AdminConfig admin;
    private DescriptorsConfig descriptors;
    private List<BackendConfig> backends;
    private List<RouteConfig> routes;
    private TranscoderOptions transcoding;
    private HeadersConfig headers;
    private List<CompositeConfig> composites;
    private List<StaticConfig> staticFiles;
    private WebSocketConfig webSocket;
    private LimitsConfig limits;
    private ShutdownConfig shutdown;
    private AuthConfig auth;
    private AccessConfig access;
    private RateLimitsConfig rateLimits;
    private CorsConfig cors;
    private OpenApiConfig openApi;
    private AccessLogConfig accessLog;
    private TracingConfig tracing;

    private Builder(GatewayConfig from) {
      server = from.server;
      admin = from.admin;
      descriptors = from.descriptors;
      backends = from.backends;
      routes = from.routes;
      transcoding = from.transcoding;
      headers = from.headers;
      composites = from.composites;
      staticFiles = from.staticFiles;
      webSocket = from.webSocket;
      limits = from.limits;
      shutdown = from.shutdown;
      auth = from.auth;
      access = from.access;
      rateLimits = from.rateLimits;
      cors = from.cors;
      openApi = from.openApi;
      accessLog = from.accessLog;
      tracing = from.tracing;
    }

    public Builder server(ServerConfig value) {
      server = value;
      return this;
    }

    public Builder admin(AdminConfig value) {
      admin = value;
      return this;
    }

    public Builder descriptors(DescriptorsConfig value) {
      descriptors = value;
      return this;
    }

    public Builder backends(List<BackendConfig> value) {
      backends = value;
      return this;
    }

    public Builder routes(List<RouteConfig> value) {
      routes = value;
      return this;
    }

    public Builder transcoding(TranscoderOptions value) {
      transcoding = value;
      return this;
    }

    public Builder headers(HeadersConfig value) {
      headers = value;
      return this;
    }

    public Builder composites(List<CompositeConfig> value) {
      composites = value;
      return this;
    }

    public Builder staticFiles(List<StaticConfig> value) {
      staticFiles = value;
      return this;
    }

    public Builder webSocket(WebSocketConfig value) {
      webSocket = value;
      return this;
    }

    public Builder limits(LimitsConfig value) {
      limits = value;
      return this;
    }

    public Builder shutdown(ShutdownConfig value) {
      shutdown = value;
      return this;
    }

    public Builder auth(AuthConfig value) {
      auth = value;
      return this;
    }

    public Builder access(AccessConfig value) {
      access = value;
      return this;
    }

    public Builder rateLimits(RateLimitsConfig value) {
      rateLimits = value;
      return this;
    }

    public Builder cors(CorsConfig value) {
      cors = value;
      return this;
    }

    public Builder openApi(OpenApiConfig value) {
      openApi = value;
      return this;
    }

    public Builder accessLog(AccessLogConfig value) {
      accessLog = value;
      return this;
    }

    public Builder tracing(TracingConfig value) {
      tracing = value;
      return this;
    }

    public GatewayConfig build() {
      return new GatewayConfig(server, admin, descriptors, backends, routes, transcoding, headers,
          composites, staticFiles, webSocket, limits, shutdown, auth, access, rateLimits,
          cors, openApi, accessLog, tracing);
    }
  }
}
