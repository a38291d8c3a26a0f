package dev.gangway.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of a config file into a {@link GatewayConfig}: checks every key and value,
 * applies defaults, resolves relative paths against the file's directory.
 *
 * <p>Stateless and thread-safe; setup code. Backends are read by {@link BackendReader}, the
 * {@code transcoding} section by {@link TranscodingReader}, composites by {@link CompositeReader},
 * static files by {@link StaticReader}, the {@code websocket} section by {@link WebSocketReader},
 * {@code auth}, {@code access} and {@code rate_limits} by {@link AuthReader},
 * {@link AccessReader} and {@link RateLimitsReader}, {@code cors} by {@link CorsReader},
 * {@code openapi} by {@link OpenApiReader}.
 */
final class ConfigReader {
  static final List<String> KEYS = List.of(
      "server", "admin", "descriptors", "backends", "routes", "transcoding", "headers",
      "composites", "static", "websocket", "limits", "shutdown", "auth", "access",
      "rate_limits", "cors", "openapi", "access_log", "tracing");
  static final List<String> SERVER_KEYS = List.of("bind", "port", "io_threads", "idle_timeout",
      "read_timeout", "max_request_body", "max_header_size", "max_grpc_timeout",
      "stream_format", "stream_timeout", "tls", "h2c", "trusted_proxies",
      "client_address_header");
  static final Map<String, ClientAddressHeader> CLIENT_ADDRESS_HEADERS = ConfigNode.choices(
      ClientAddressHeader.values(), ClientAddressHeader::configName);
  static final List<String> SERVER_TLS_KEYS = List.of("cert_file", "key_file", "client_ca_file",
      "client_auth", "forward_client_cert", "reload_interval");
  static final Map<String, ServerTlsConfig.ClientAuth> CLIENT_AUTH = ConfigNode.choices(
      ServerTlsConfig.ClientAuth.values(), ServerTlsConfig.ClientAuth::configName);
  static final Map<String, ServerConfig.StreamFormat> STREAM_FORMATS = ConfigNode.choices(
      ServerConfig.StreamFormat.values(), ServerConfig.StreamFormat::configName);
  static final List<String> ADMIN_KEYS = List.of("bind", "port");
  static final List<String> DESCRIPTORS_KEYS = List.of("paths", "watch", "poll_interval", "breaking_changes");
  static final Map<String, DescriptorsConfig.BreakingChangePolicy> BREAKING_CHANGES =
      ConfigNode.choices(DescriptorsConfig.BreakingChangePolicy.values(),
          DescriptorsConfig.BreakingChangePolicy::spelling);
  static final List<String> SHUTDOWN_KEYS = List.of("drain_delay", "grace");
  static final List<String> TRACING_KEYS =
      List.of("enabled", "endpoint", "sample_ratio", "service_name");
  static final List<String> ROUTE_KEYS = List.of("method", "timeout", "status", "location",
      "etag", "if_match", "if_none_match", "response_headers");
  /** A dotted proto field path, {@code a.b_c}. */
  private static final Pattern FIELD_PATH =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  static final List<String> HEADERS_KEYS = List.of("forward", "max_metadata_size");
  /** Where the one list of trusted proxies lives; the sections that each had one point here. */
  static final String TRUSTED_PROXIES = "server.trusted_proxies";
  static final String TRUSTED_PROXIES_WHY =
      " (one list for header forwarding, rate limits and the access log)";

  static final int MAX_PORT = 65535;
  static final int MAX_IO_THREADS = 1024;

  private static final Pattern METHOD =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");
  /** RFC 9110 token characters. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private ConfigReader() {}

  /** Reads a whole document; {@code base} is the directory relative paths resolve against. */
  static GatewayConfig read(ConfigNode root, Path base) throws ConfigException {
    root.mapping(KEYS);
    AuthConfig auth = AuthReader.read(root.get("auth"), base);
    RateLimitsConfig rateLimits = RateLimitsReader.read(root.get("rate_limits"));
    return new GatewayConfig(
        server(root.get("server"), base),
        admin(root.get("admin")),
        descriptors(root.get("descriptors"), base),
        BackendReader.readAll(root.get("backends"), base),
        routes(root.get("routes")),
        TranscodingReader.read(root.get("transcoding")),
        headers(root.get("headers")),
        CompositeReader.readAll(root.get("composites")),
        StaticReader.readAll(root.get("static"), base),
        WebSocketReader.read(root.get("websocket")),
        LimitsReader.read(root.get("limits")),
        shutdown(root.get("shutdown")),
        auth,
        AccessReader.read(root.get("access"), auth, rateLimits),
        rateLimits,
        CorsReader.read(root.get("cors")),
        OpenApiReader.read(root.get("openapi")),
        AccessLogReader.read(root.get("access_log"), auth),
        tracing(root.get("tracing")));
  }

  static ServerConfig server(ConfigNode node, Path base) throws ConfigException {
    node.mapping(SERVER_KEYS);
    ServerConfig d = ServerConfig.DEFAULT;
    return new ServerConfig(
        bind(node.get("bind")).orElse(d.bind()),
        node.get("port").integer(0, MAX_PORT).orElse(d.port()),
        node.get("io_threads").integer(0, MAX_IO_THREADS).orElse(d.ioThreads()),
        node.get("idle_timeout").duration().orElse(d.idleTimeout()),
        node.get("read_timeout").duration().orElse(d.readTimeout()),
        node.get("max_request_body").size(Integer.MAX_VALUE).orElse(d.maxRequestBodyBytes()),
        (int) node.get("max_header_size").size(Integer.MAX_VALUE).orElse(d.maxHeaderBytes()),
        node.get("max_grpc_timeout").duration().orElse(d.maxGrpcTimeout()),
        node.get("stream_format").choice(STREAM_FORMATS).orElse(d.streamFormat()),
        node.get("stream_timeout").duration().orElse(d.streamTimeout()),
        serverTls(node.get("tls"), base),
        node.get("h2c").bool().orElse(d.h2c()),
        trustedProxies(node.get("trusted_proxies")),
        node.get("client_address_header").choice(CLIENT_ADDRESS_HEADERS)
            .orElse(d.clientAddressHeader()));
  }

  /** IP literals or CIDR blocks, never host names (no DNS on the request path or at load). */
  static List<AddressRange> trustedProxies(ConfigNode list) throws ConfigException {
    List<AddressRange> proxies = new ArrayList<>();
    for (ConfigNode item : list.items()) {
      String text = item.requiredText().trim();
      proxies.add(AddressRange.parse(text).orElseThrow(() -> item.error(ConfigNode.quote(text)
          + " is not an IP address or CIDR block (e.g. 10.0.0.0/8, 192.0.2.7, fd00::/8)")));
    }
    return List.copyOf(proxies);
  }

  static Optional<ServerTlsConfig> serverTls(ConfigNode node, Path base) throws ConfigException {
    if (node.isAbsent()) {
      return Optional.empty();
    }
    node.mapping(SERVER_TLS_KEYS);
    ConfigNode cert = node.get("cert_file");
    ConfigNode key = node.get("key_file");
    Optional<Path> clientCa = node.get("client_ca_file").path(base);
    ServerTlsConfig.ClientAuth clientAuth = node.get("client_auth").choice(CLIENT_AUTH)
        .orElse(clientCa.isPresent() ? ServerTlsConfig.ClientAuth.OPTIONAL
            : ServerTlsConfig.ClientAuth.NONE);
    if (clientAuth != ServerTlsConfig.ClientAuth.NONE && clientCa.isEmpty()) {
      throw node.get("client_auth").error(ConfigNode.quote(clientAuth.configName())
          + " needs client_ca_file (the roots client certificates must chain to)");
    }
    return Optional.of(new ServerTlsConfig(
        cert.path(base).orElseThrow(() -> cert.error("missing (required with tls)")),
        key.path(base).orElseThrow(() -> key.error("missing (required with tls)")),
        clientCa,
        clientAuth,
        node.get("forward_client_cert").bool().orElse(false),
        node.get("reload_interval").duration().orElse(ServerTlsConfig.DEFAULT_RELOAD_INTERVAL)));
  }

  static TracingConfig tracing(ConfigNode node) throws ConfigException {
    node.mapping(TRACING_KEYS);
    TracingConfig d = TracingConfig.DEFAULT;
    Optional<String> endpoint = node.get("endpoint").text();
    if (endpoint.isPresent() && !endpoint.get().startsWith("http://")
        && !endpoint.get().startsWith("https://")) {
      throw node.get("endpoint").error(ConfigNode.quote(endpoint.get())
          + " is not an http:// or https:// URL (the OTLP/HTTP collector, e.g."
          + " http://otel-collector:4318)");
    }
    return new TracingConfig(
        node.get("enabled").bool().orElse(d.enabled()),
        endpoint,
        AccessLogReader.fraction(node.get("sample_ratio"), d.sampleRatio()),
        node.get("service_name").text().orElse(d.serviceName()));
  }

  static ShutdownConfig shutdown(ConfigNode node) throws ConfigException {
    node.mapping(SHUTDOWN_KEYS);
    ShutdownConfig d = ShutdownConfig.DEFAULT;
    return new ShutdownConfig(
        node.get("drain_delay").durationOrZero().orElse(d.drainDelay()),
        node.get("grace").duration().orElse(d.grace()));
  }

  static AdminConfig admin(ConfigNode node) throws ConfigException {
    node.mapping(ADMIN_KEYS);
    AdminConfig d = AdminConfig.DEFAULT;
    return new AdminConfig(
        bind(node.get("bind")).orElse(d.bind()),
        node.get("port").integer(-1, MAX_PORT).orElse(d.port()));
  }

  /** A bind address: any non-empty host name or IP literal (the listener reports bad ones). */
  static Optional<String> bind(ConfigNode node) throws ConfigException {
    Optional<String> bind = node.text();
    if (bind.isPresent() && (bind.get().isBlank() || bind.get().contains(" "))) {
      throw node.error(ConfigNode.quote(bind.get()) + " is not an address");
    }
    return bind;
  }

  static DescriptorsConfig descriptors(ConfigNode node, Path base) throws ConfigException {
    node.mapping(DESCRIPTORS_KEYS);
    DescriptorsConfig d = DescriptorsConfig.DEFAULT;
    ConfigNode pathsNode = node.get("paths");
    List<Path> paths = new ArrayList<>();
    for (ConfigNode item : pathsNode.items()) {
      paths.add(item.path(base).orElseThrow(() -> item.error("missing (required)")));
    }
    return new DescriptorsConfig(
        pathsNode.isAbsent() ? d.paths() : paths,
        node.get("watch").bool().orElse(d.watch()),
        node.get("poll_interval").duration().orElse(d.pollInterval()),
        node.get("breaking_changes").choice(BREAKING_CHANGES).orElse(d.breakingChanges()));
  }

  static List<RouteConfig> routes(ConfigNode node) throws ConfigException {
    List<RouteConfig> routes = new ArrayList<>();
    Map<String, String> methodToPath = new HashMap<>();
    for (ConfigNode item : node.items()) {
      item.requiredMapping(ROUTE_KEYS);
      ConfigNode methodNode = item.get("method");
      String method = methodName(methodNode);
      String earlier = methodToPath.putIfAbsent(method, item.path());
      if (earlier != null) {
        throw methodNode.error(ConfigNode.quote(method) + " is already configured by " + earlier);
      }
      routes.add(new RouteConfig(method, item.get("timeout").duration(), http(item)));
    }
    return routes;
  }

  /** The HTTP semantics keys of a {@code routes} entry. */
  static HttpSemanticsConfig http(ConfigNode item) throws ConfigException {
    ConfigNode statusNode = item.get("status");
    int status = statusNode.integer(100, 599).orElse(HttpSemanticsConfig.DEFAULT.status());
    if (!HttpSemanticsConfig.STATUSES.contains(status)) {
      throw statusNode.error(status + " is not a success status a route can answer with (200,"
          + " 201, 202 or 204)");
    }
    ConfigNode locationNode = item.get("location");
    java.util.Optional<String> location = locationNode.text();
    if (location.isPresent()) {
      checkLocation(locationNode, location.get());
    }
    return new HttpSemanticsConfig(status, location, fieldPath(item.get("etag")),
        fieldPath(item.get("if_match")), fieldPath(item.get("if_none_match")),
        headerNames(item.get("response_headers")));
  }

  private static java.util.Optional<String> fieldPath(ConfigNode node) throws ConfigException {
    java.util.Optional<String> path = node.text();
    if (path.isPresent() && !FIELD_PATH.matcher(path.get()).matches()) {
      throw node.error(ConfigNode.quote(path.get()) + " is not a field path (use field or"
          + " message.field, proto names)");
    }
    return path;
  }

  /** Text with {@code {field.path}} references; braces only around a field path. */
  private static void checkLocation(ConfigNode node, String text) throws ConfigException {
    int start = 0;
    while (start < text.length()) {
      int open = text.indexOf('{', start);
      int close = text.indexOf('}', start);
      if (open < 0 && close < 0) {
        return;
      }
      if (open < 0 || close < open
          || !FIELD_PATH.matcher(text.substring(open + 1, close)).matches()) {
        throw node.error(ConfigNode.quote(text) + " is not a location template (text with"
            + " {field.path} references to string fields of the response, e.g. /v1/{name})");
      }
      start = close + 1;
    }
  }

  static HeadersConfig headers(ConfigNode node) throws ConfigException {
    node.moved("trusted_proxies", TRUSTED_PROXIES, TRUSTED_PROXIES_WHY);
    node.mapping(HEADERS_KEYS);
    return new HeadersConfig(Set.copyOf(headerNames(node.get("forward"))),
        (int) node.get("max_metadata_size").size(1 << 20)
            .orElse(HeadersConfig.DEFAULT_MAX_METADATA_BYTES));
  }

  /** A gRPC method's full name ({@code pkg.Service.Method}); shared with composite calls. */
  static String methodName(ConfigNode node) throws ConfigException {
    String method = node.requiredText();
    if (!METHOD.matcher(method).matches()) {
      throw node.error(ConfigNode.quote(method) + " is not a method name (use pkg.Service.Method)");
    }
    return method;
  }

  /** A list of header names, lower-cased; empty when absent. Shared with composite calls. */
  static List<String> headerNames(ConfigNode list) throws ConfigException {
    List<String> names = new ArrayList<>();
    for (ConfigNode item : list.items()) {
      String name = item.requiredText();
      if (!HEADER_NAME.matcher(name).matches()) {
        throw item.error(ConfigNode.quote(name) + " is not a header name");
      }
      names.add(name.toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
