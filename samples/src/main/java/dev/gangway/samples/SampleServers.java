package dev.gangway.samples;

import dev.gangway.samples.bookstore.BookstoreService;
import dev.gangway.samples.catalog.CatalogService;
import dev.gangway.samples.diagnostics.DiagnosticsProbe;
import dev.gangway.samples.diagnostics.DiagnosticsService;
import dev.gangway.samples.live.LiveProbe;
import dev.gangway.samples.live.LiveService;
import dev.gangway.samples.pricing.PricingService;
import dev.gangway.samples.reviews.ReviewsService;
import dev.gangway.samples.support.CallProbe;
import dev.gangway.samples.support.SampleDelay;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts the sample backends: one plaintext gRPC server per {@link SampleBackend}, each serving
 * its sample service plus gRPC health ({@code grpc.health.v1.Health}) and server reflection
 * ({@code grpc.reflection.v1.ServerReflection}). Every sample service honours the
 * {@value SampleDelay#HEADER} request header ({@link SampleDelay}), so tests can slow a backend
 * down per call; {@link Builder#delay} sets a delay for calls without it.
 *
 * <p>Immutable and thread-safe; every {@link #start()} starts fresh servers with fresh seed data.
 *
 * <pre>{@code
 * try (RunningSamples samples = SampleServers.builder()
 *     .backends(SampleBackend.BOOKSTORE, SampleBackend.DIAGNOSTICS)
 *     .instanceName("a")
 *     .start()) {
 *   ManagedChannel channel = Grpc.newChannelBuilder(
 *       samples.target(SampleBackend.BOOKSTORE), InsecureChannelCredentials.create()).build();
 *   ...
 * }
 * }</pre>
 */
public final class SampleServers {

  private final Set<SampleBackend> backends;
  private final String bindHost;
  private final Map<SampleBackend, Integer> ports;
  private final Map<SampleBackend, Duration> delays;
  private final String instanceName;
  private final Clock clock;

  private SampleServers(Builder builder) {
    this.backends = Set.copyOf(builder.backends);
    this.bindHost = builder.bindHost;
    this.ports = Map.copyOf(builder.ports);
    this.delays = Map.copyOf(builder.delays);
    this.instanceName = builder.instanceName;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the servers in {@link SampleBackend} order. If one fails to start, those already
   * started are stopped before the exception propagates.
   *
   * @throws IOException when a port cannot be bound
   */
  public RunningSamples start() throws IOException {
    DiagnosticsProbe probe = new DiagnosticsProbe();
    LiveProbe live = new LiveProbe();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "samples-" + instanceName + "-timer");
      thread.setDaemon(true);
      return thread;
    });
    List<RunningSamples.Backend> started = new ArrayList<>();
    try {
      for (SampleBackend backend : EnumSet.copyOf(backends)) {
        CallProbe delayed = new CallProbe();
        SampleDelay delay = new SampleDelay(
            scheduler, delayed, delays.getOrDefault(backend, Duration.ZERO));
        ServerServiceDefinition service = ServerInterceptors.intercept(
            service(backend, scheduler, probe, live), delay);
        started.add(startOne(backend, service, delayed));
      }
    } catch (IOException | RuntimeException e) {
      new RunningSamples(started, instanceName, probe, live, scheduler).close();
      throw e;
    }
    return new RunningSamples(started, instanceName, probe, live, scheduler);
  }

  private RunningSamples.Backend startOne(SampleBackend backend, ServerServiceDefinition service,
      CallProbe delayed) throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    int port = ports.getOrDefault(backend, 0);
    Server server = NettyServerBuilder
        .forAddress(new InetSocketAddress(bindHost, port), InsecureServerCredentials.create())
        .addService(service)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new IOException(backend.label() + ": cannot listen on " + bindHost + ":" + port, e);
    }
    health.setStatus(backend.serviceName(), ServingStatus.SERVING);
    return new RunningSamples.Backend(backend, server, health, delayed);
  }

  private ServerServiceDefinition service(SampleBackend backend,
      ScheduledExecutorService scheduler, DiagnosticsProbe probe, LiveProbe live) {
    return switch (backend) {
      case BOOKSTORE -> BookstoreService.seeded(clock).bindService();
      case CATALOG -> CatalogService.seeded().bindService();
      case PRICING -> PricingService.seeded(clock).bindService();
      case REVIEWS -> ReviewsService.seeded().bindService();
      case DIAGNOSTICS ->
          new DiagnosticsService(instanceName, scheduler, probe, clock).definition();
      case LIVE -> new LiveService(scheduler, live, clock).bindService();
    };
  }

  /** Not thread-safe; configure, then {@link #build()} or {@link #start()}. */
  public static final class Builder {
    private final Set<SampleBackend> backends = EnumSet.allOf(SampleBackend.class);
    private final Map<SampleBackend, Integer> ports = new EnumMap<>(SampleBackend.class);
    private final Map<SampleBackend, Duration> delays = new EnumMap<>(SampleBackend.class);
    private String bindHost = "127.0.0.1";
    private String instanceName = "samples";
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Which backends to start. Default: all. */
    public Builder backends(SampleBackend... backends) {
      return backends(Arrays.asList(backends));
    }

    /** Which backends to start. Default: all. */
    public Builder backends(Collection<SampleBackend> backends) {
      if (backends.isEmpty()) {
        throw new IllegalArgumentException("backends: name at least one");
      }
      this.backends.clear();
      this.backends.addAll(backends);
      return this;
    }

    /** The address every server binds. Default: {@code 127.0.0.1}. */
    public Builder bindHost(String bindHost) {
      this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
      return this;
    }

    /** The port of one backend; 0 picks an ephemeral port. Default: 0. */
    public Builder port(SampleBackend backend, int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(backend.label() + " port: " + port + " is not a port");
      }
      ports.put(Objects.requireNonNull(backend, "backend"), port);
      return this;
    }

    /** Every backend on its {@link SampleBackend#demoPort()}. Default: ephemeral ports. */
    public Builder demoPorts() {
      for (SampleBackend backend : SampleBackend.values()) {
        ports.put(backend, backend.demoPort());
      }
      return this;
    }

    /**
     * How long the unary methods of one backend wait before they answer, for calls without the
     * {@value SampleDelay#HEADER} header (which overrides it). Default: no delay.
     *
     * @throws IllegalArgumentException unless 0 to {@value SampleDelay#MAX_DELAY_MILLIS} ms
     */
    public Builder delay(SampleBackend backend, Duration delay) {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.toMillis() > SampleDelay.MAX_DELAY_MILLIS) {
        throw new IllegalArgumentException(backend.label() + " delay: must be between 0 and "
            + SampleDelay.MAX_DELAY_MILLIS + " ms, got " + delay);
      }
      delays.put(backend, delay);
      return this;
    }

    /** The name Diagnostics.WhoAmI returns. Default: {@code samples}. */
    public Builder instanceName(String instanceName) {
      this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
      return this;
    }

    /**
     * The source of create/update times, price validity and the times of quotes and chat events.
     * Default: the UTC system clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SampleServers build() {
      return new SampleServers(this);
    }

    /** Shorthand for {@code build().start()}. */
    public RunningSamples start() throws IOException {
      return build().start();
    }
  }
}
