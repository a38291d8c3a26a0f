package dev.gangway.gateway;

import dev.gangway.gateway.access.AccessRoutePolicy;
import dev.gangway.gateway.access.AccessServices;
import dev.gangway.gateway.admin.AdminHandler;
import dev.gangway.gateway.admin.AdminServer;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.Durations;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.cors.CorsRoutePolicy;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.config.LimitsConfig;
import dev.gangway.gateway.http.Admission;
import dev.gangway.gateway.config.ShutdownConfig;
import dev.gangway.gateway.http.GatewayHandlers;
import dev.gangway.gateway.http.HttpListener;
import dev.gangway.gateway.tls.ServerTls;
import dev.gangway.gateway.http.OpenStreams;
import dev.gangway.gateway.observe.GatewayMetrics;
import dev.gangway.gateway.observe.Telemetry;
import dev.gangway.gateway.observe.Tracing;
import dev.gangway.gateway.http.ShutdownGate;
import dev.gangway.gateway.policy.RoutePolicies;
import dev.gangway.gateway.policy.RoutePolicy;
import dev.gangway.gateway.reflection.ReflectedDescriptors;
import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.gateway.reload.ReloadResult;
import dev.gangway.gateway.reload.ReloadStatus;
import dev.gangway.gateway.reload.Reloader;
import dev.gangway.gateway.reload.RestartKeys;
import java.util.List;
import dev.gangway.gateway.reload.ReloaderOptions;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotException;
import dev.gangway.gateway.reload.SnapshotHolder;
import io.grpc.ConnectivityState;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.xnio.OptionMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the HTTP listener, the admin listener, backend channels and the reloader.
 *
 * <p>Thread-safe. {@link #start} loads the configuration, builds the first snapshot and listens;
 * {@link #close} stops listening, lets requests in flight finish briefly and closes the channels.
 * The reloader watches the configuration's files and swaps snapshots; the admin listener (when
 * {@code admin.port} is not -1) answers health, readiness, routes, status and explain.
 *
 * <pre>{@code
 * try (GatewayServer gateway = GatewayServer.start(configSource)) {
 *   int port = gateway.httpPort();
 * }
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
  /** How long cut calls get to write their 503 before the listener stops. */
  private static final Duration CUT_WRITE = Duration.ofSeconds(2);
  /** Room above the gateway's head limits for Undertow's parser: request line and line ends. */
  private static final int PARSER_SLACK = 4 << 10;
  /**
   * Room above the guard's head limit for Undertow's, which counts every byte read with the head
   * (up to a 16 KiB buffer of body) and closes without a word beyond it.
   */
  private static final int UNDERTOW_HEAD_SLACK = 20 << 10;
  /** Header fields Undertow parses beyond {@code limits.max_header_count}, so ours answers first. */
  private static final int HEADER_COUNT_SLACK = 32;

  private final ChannelRegistry channels;
  private final AccessServices access;
  private final SnapshotHolder snapshots;
  private final HttpListener listener;
  private final ShutdownGate gate;
  private final ShutdownConfig shutdown;
  private final OpenStreams streams;
  private final InetSocketAddress address;
  private final Optional<AdminServer> admin;
  private final Reloader reloader;
  private final ReloadStatus reloads;
  private final Admission admission;
  private final Optional<ServerTls> tls;
  private final Telemetry telemetry;
  private final ReflectedDescriptors reflection;
  private boolean closed;
  /** Whether the thread running {@link #close} was interrupted; only that thread reads it. */
  private boolean interrupted;

  private GatewayServer(
      ChannelRegistry channels,
      AccessServices access,
      SnapshotHolder snapshots,
      HttpListener listener,
      ShutdownGate gate,
      ShutdownConfig shutdown,
      OpenStreams streams,
      Optional<AdminServer> admin,
      Reloader reloader,
      ReloadStatus reloads,
      Admission admission,
      Optional<ServerTls> tls,
      Telemetry telemetry,
      ReflectedDescriptors reflection) {
    this.reflection = reflection;
    this.channels = channels;
    this.access = access;
    this.snapshots = snapshots;
    this.listener = listener;
    this.gate = gate;
    this.shutdown = shutdown;
    this.streams = streams;
    this.address = listener.address();
    this.admin = admin;
    this.reloader = reloader;
    this.reloads = reloads;
    this.admission = admission;
    this.tls = tls;
    this.telemetry = telemetry;
  }

  /**
   * Loads the configuration and descriptors, opens backend channels and starts listening. Logs
   * {@code listening on http://HOST:PORT} with the bound port.
   *
   * @throws IOException when the listener cannot bind (the message names the address)
   */
  public static GatewayServer start(ConfigSource config)
      throws ConfigException, SnapshotException, IOException {
    return start(config, RoutePolicies.factories());
  }

  /**
   * As {@link #start(ConfigSource)}, with these route policies instead of the gateway's own
   * ({@link RoutePolicies#factories()}); for tests of the policy stage.
   */
  public static GatewayServer start(ConfigSource config, List<RoutePolicy.Factory> policies)
      throws ConfigException, SnapshotException, IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(policies, "policies");
    GatewayConfig gatewayConfig = config.load();
    ChannelRegistry channels = new ChannelRegistry();
    // JWKS sources and rate limiters outlive snapshots, like channels.
    AccessServices access = new AccessServices();
    List<RoutePolicy.Factory> allPolicies = new java.util.ArrayList<>(policies);
    // CORS answers preflights before authentication, which preflights never pass (they carry no
    // credentials); then authentication, then rate limits (docs/architecture.md).
    allPolicies.add(CorsRoutePolicy.factory());
    allPolicies.add(AccessRoutePolicy.factory(access));
    HttpListener listener = null;
    Optional<AdminServer> admin = Optional.empty();
    Reloader reloader = null;
    Admission admission = new Admission();
    Optional<ServerTls> tls = Optional.empty();
    // Meters outlive snapshots, so that counts go on across reloads.
    // Tracing is read at start (tracing.* need a restart), like the listeners.
    Telemetry telemetry = Telemetry.start(Tracing.start(gatewayConfig.tracing()));
    GatewayMetrics metrics = telemetry.metrics();
    // Backends that serve their own descriptors: a refresh that finds other ones reloads.
    AtomicReference<Reloader> reloading = new AtomicReference<>();
    ReflectedDescriptors reflection = new ReflectedDescriptors(channels, () -> {
      Reloader r = reloading.get();
      if (r != null) {
        r.reloadLater();
      }
    });
    try {
      if (gatewayConfig.server().tls().isPresent()) {
        tls = Optional.of(ServerTls.start(gatewayConfig.server().tls().get()));
      }
      // Fetched before the first snapshot, so that the backends' own descriptors serve at once.
      reflection.fetchNow(gatewayConfig.backends());
      DefaultSnapshotFactory factory = new DefaultSnapshotFactory(
          channels, allPolicies, metrics, Optional.of(reflection));
      RuntimeSnapshot first = factory.build(gatewayConfig, 1);
      SnapshotHolder holder = new SnapshotHolder(first);
      ReloadStatus reloads = new ReloadStatus();
      reloader = new Reloader(config, factory, holder, reloads, ReloaderOptions.DEFAULT,
          serving -> {
            channels.retainOnly(serving.config().backends());
            access.retainOnly(serving.config());
            metrics.retainOnly(serving.meteredRoutes(), serving.meteredBackendMethods());
            noteRestartKeys(gatewayConfig, serving.config(), reloads);
            reflection.schedule(serving.config().backends(), false);
          });
      reloading.set(reloader);
      OpenStreams streams = new OpenStreams();
      ServerMeters.bind(metrics, admission, streams, holder, reloads, channels);
      ShutdownGate gate = new ShutdownGate(
          holder, GatewayHandlers.create(holder, streams, admission, telemetry));
      listener = listener(gatewayConfig.server(), gatewayConfig.limits(), tls, gate);
      admin = AdminServer.start(gatewayConfig.admin(), new AdminHandler(
          holder, () -> names(channels.states()), reloads, gate::stopping, metrics::scrape,
          Optional.of(reflection)));
      // Shutdown settings are read once: a stop follows the configuration the gateway started with.
      GatewayServer server = new GatewayServer(channels, access, holder, listener, gate,
          gatewayConfig.shutdown(), streams, admin, reloader.start(), reloads, admission, tls,
          telemetry, reflection);
      reflection.schedule(gatewayConfig.backends(), true);
      log.info("listening on {}://{}:{}", tls.isPresent() ? "https" : "http",
          urlHost(server.address.getHostString()), server.httpPort());
      server.adminPort().ifPresent(p ->
          log.info("admin on http://{}:{}", urlHost(gatewayConfig.admin().bind()), p));
      return server;
    } catch (SnapshotException | IOException | RuntimeException | Error e) {
      reflection.close();
      closeQuietly(reloader, admin, listener);
      channels.close();
      access.close();
      admission.close();
      tls.ifPresent(ServerTls::close);
      telemetry.close();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reflection.close();
      closeQuietly(reloader, admin, listener);
      channels.close();
      access.close();
      admission.close();
      tls.ifPresent(ServerTls::close);
      telemetry.close();
      throw new IOException("interrupted while starting", e);
    }
  }

  /**
   * Logs, once per change, the keys a reload loaded but cannot apply (the listeners and shutdown
   * keep their start values), and shows them on /admin/status.
   */
  private static void noteRestartKeys(
      GatewayConfig started, GatewayConfig loaded, ReloadStatus reloads) {
    List<String> changed = RestartKeys.changed(started, loaded);
    if (changed.equals(reloads.restartRequired())) {
      return;
    }
    reloads.recordRestartRequired(changed);
    if (!changed.isEmpty()) {
      log.warn("reload: these keys keep their start values until a restart: {}",
          String.join("; ", changed));
    }
  }

  private static Map<String, String> names(Map<String, ConnectivityState> states) {
    Map<String, String> names = new TreeMap<>();
    states.forEach((backend, state) -> names.put(backend, state.name()));
    return names;
  }

  private static void closeQuietly(
      Reloader reloader, Optional<AdminServer> admin, HttpListener listener) {
    if (reloader != null) {
      reloader.close();
    }
    admin.ifPresent(AdminServer::close);
    if (listener != null) {
      listener.close();
    }
  }

  /**
   * The HTTP listener with the server settings ({@link HttpListener}: Undertow's, every HTTP/1
   * connection checked by the gateway's framing guard first). Idle keep-alive connections close
   * after {@code idleTimeout} (NO_REQUEST_TIMEOUT, not IDLE_TIMEOUT, which would also cut requests
   * that wait quietly for a slow backend); request headers must arrive within {@code readTimeout}
   * (REQUEST_PARSE_TIMEOUT) and the body handler applies it to the body. XNIO's READ_TIMEOUT is not
   * used for the same reason as IDLE_TIMEOUT. The body size limit is the body handler's, from the
   * snapshot, so that a reload can change it. URLs stay percent-encoded for the route matcher.
   *
   * <p>Read once at start (a reload does not change them): {@code limits.max_connections} (above
   * it the listener stops accepting; the kernel's backlog holds new connections until one closes),
   * {@code limits.max_streams_per_connection}, the guard's head limit (431) and Undertow's own
   * parser bounds, set above the gateway's limits so that the guard and {@code EdgeLimitsHandler}
   * answer them with 414/431 and a status body.
   */
  private static HttpListener listener(
      ServerConfig server, LimitsConfig limits, Optional<ServerTls> tls, HttpHandler root)
      throws IOException {
    int ioThreads = server.ioThreads() > 0
        ? server.ioThreads() : Runtime.getRuntime().availableProcessors();
    int maxHead = saturatedAdd(server.maxHeaderBytes(), limits.maxUrlBytes(), PARSER_SLACK);
    OptionMap serverOptions = OptionMap.builder()
        // HTTPS offers h2 by ALPN; cleartext speaks HTTP/2 only when server.h2c asks for it.
        .set(UndertowOptions.ENABLE_HTTP2, tls.isPresent() || server.h2c())
        .set(UndertowOptions.NO_REQUEST_TIMEOUT, millis(server.idleTimeout()))
        .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(server.readTimeout()))
        .set(UndertowOptions.MAX_HEADER_SIZE, saturatedAdd(maxHead, UNDERTOW_HEAD_SLACK, 0))
        .set(UndertowOptions.MAX_HEADERS, limits.maxHeaderCount() + HEADER_COUNT_SLACK)
        .set(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS,
            limits.maxStreamsPerConnection())
        // No listener-wide body limit (Undertow's default is 2 MiB, and a chunked body keeps the
        // limit it started with): the body handler applies max_request_body to whole bodies, and
        // a client stream, read message by message, has no limit as a whole.
        .set(UndertowOptions.MAX_ENTITY_SIZE, -1L)
        .set(UndertowOptions.DECODE_URL, false)
        .getMap();
    OptionMap socketOptions = OptionMap.builder()
        .set(org.xnio.Options.CONNECTION_HIGH_WATER, limits.maxConnections())
        .set(org.xnio.Options.CONNECTION_LOW_WATER, limits.maxConnections())
        // HTTPS: the protocol, cipher and client-certificate policy of every connection's engine.
        .addAll(tls.map(ServerTls::listenerOptions).orElse(OptionMap.EMPTY))
        .getMap();
    HttpListener.Settings settings = new HttpListener.Settings(server.bind(), server.port(),
        ioThreads,
        // Nothing on the request path blocks; the worker pool only serves Undertow internals.
        Math.max(2, ioThreads), tls.map(ServerTls::context),
        // Prior knowledge applies to cleartext only; HTTPS negotiates h2 by ALPN.
        server.h2c() && tls.isEmpty(), maxHead, serverOptions, socketOptions);
    try {
      return HttpListener.start(settings, root);
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot listen on " + (tls.isPresent() ? "https" : "http") + "://"
          + server.bind() + ":" + server.port() + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
  }

  /**
   * A host as a URL writes it: an IPv6 literal in brackets (RFC 3986 section 3.2.2), so that the
   * logged {@code http://HOST:PORT} is a URL even for a wildcard bind that resolves to {@code ::}.
   */
  private static String urlHost(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static int saturatedAdd(int a, int b, int c) {
    return (int) Math.min(Integer.MAX_VALUE, (long) a + b + c);
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }

  /** Whether the listener serves HTTPS. */
  public boolean tls() {
    return tls.isPresent();
  }

  /** The bound HTTP port (the real one when the config said 0). */
  public int httpPort() {
    return address.getPort();
  }

  /** The bound admin port, when the admin listener is enabled. */
  public Optional<Integer> adminPort() {
    return admin.map(AdminServer::port);
  }

  /** Reload history: count, last success, last failure. */
  public ReloadStatus reloads() {
    return reloads;
  }

  /** Reloads now, whether or not anything changed (tests, operators). */
  public ReloadResult reloadNow() throws InterruptedException {
    return reloader.reloadNow();
  }

  /** The holder requests are served from; the reloader swaps snapshots in it. */
  public SnapshotHolder snapshots() {
    return snapshots;
  }

  /** The gateway's meters (what the admin listener's {@code /metrics} shows). */
  public GatewayMetrics metrics() {
    return telemetry.metrics();
  }

  /** The backend channels shared by all snapshots. */
  public ChannelRegistry channels() {
    return channels;
  }

  /**
   * Stops the way docs/operations.md describes: {@code /readyz} turns 503 at once; requests are
   * still served for {@code shutdown.drain_delay}; then new requests get 503 UNAVAILABLE, open
   * streams end (a terminal UNAVAILABLE error object, WebSocket close 1001, their backend calls
   * cancelled), calls in flight get {@code shutdown.grace} to finish, and the ones still running
   * are answered 503 UNAVAILABLE and cancelled; then channels close. Idempotent; blocks for up
   * to drain delay + grace + a few seconds.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    gate.drain();
    if (!shutdown.drainDelay().isZero()) {
      log.info("stopping: /readyz answers 503; serving for {} more while endpoints update",
          Durations.format(shutdown.drainDelay()));
      sleep(shutdown.drainDelay());
    }
    // Before the reloader: a refresh must not start a reload while the reloader stops.
    reflection.close();
    reloader.close();
    gate.close();
    // Streams would hold the grace to its end and then be cut: end them the way clients expect.
    streams.endAll();
    if (interrupted || !awaitIdle(shutdown.grace())) {
      log.info("stopping: {} requests still in flight after {}; answering them 503",
          gate.inFlight(), Durations.format(shutdown.grace()));
      gate.cutInFlight();
      awaitIdle(CUT_WRITE);
    }
    // Channels before the listener: a cancelled call's last callback runs on its exchange's IO
    // thread, which must still be there to take it.
    channels.close();
    access.close();
    listener.close();
    admission.close();
    tls.ifPresent(ServerTls::close);
    admin.ifPresent(AdminServer::close);
    telemetry.close();
    log.info("stopped {}://{}:{}", tls.isPresent() ? "https" : "http",
        urlHost(address.getHostString()), httpPort());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sleeps during a stop. An interrupt hurries the stop along (no more waiting) without skipping
   * a step: it is noted in {@link #interrupted} and restored when the stop is done.
   */
  private void sleep(Duration duration) {
    if (interrupted) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
    }
  }

  /** {@link ShutdownGate#awaitIdle}, hurried along by an interrupt like {@link #sleep}. */
  private boolean awaitIdle(Duration timeout) {
    if (interrupted) {
      return false;
    }
    try {
      return gate.awaitIdle(timeout);
    } catch (InterruptedException e) {
      interrupted = true;
      return false;
    }
  }
}
