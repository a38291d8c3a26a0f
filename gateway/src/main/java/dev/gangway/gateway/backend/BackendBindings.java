package dev.gangway.gateway.backend;

import dev.gangway.gateway.observe.BackendCallObserver;
import dev.gangway.gateway.observe.GatewayMetrics;

import com.google.protobuf.Descriptors;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.config.ServicePatterns;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.LoadProblem;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which backend serves each gRPC method of a snapshot, with the byte[] {@code MethodDescriptor}
 * and the deadline for calls to it.
 *
 * <p>Immutable and thread-safe; part of a {@link dev.gangway.gateway.reload.RuntimeSnapshot}. Built
 * once per snapshot; a request finds its method by descriptor identity, never by name.
 *
 * <pre>{@code
 * BackendBindings bindings = BackendBindings.build(config, transcoder, channels);
 * BoundMethod bound = bindings.method(route.method()).orElseThrow();
 * }</pre>
 */
public final class BackendBindings {
  /** The deadline of calls to a method whose service has no backend (they fail before leaving). */
  static final Duration UNBOUND_TIMEOUT = Duration.ofSeconds(30);

  private final Map<Descriptors.MethodDescriptor, BoundMethod> methods;
  private final ServicePatterns patterns;
  private final List<LoadProblem> problems;

  private BackendBindings(
      Map<Descriptors.MethodDescriptor, BoundMethod> methods,
      ServicePatterns patterns,
      List<LoadProblem> problems) {
    this.methods = methods;
    this.patterns = patterns;
    this.problems = List.copyOf(problems);
  }

  /**
   * Binds every method the transcoder routes to the backend its service maps to, opening (or
   * reusing) a channel for every configured backend.
   *
   * @throws BackendSetupException when a backend's settings cannot make a channel
   */
  public static BackendBindings build(
      GatewayConfig config, Transcoder transcoder, ChannelRegistry channels)
      throws BackendSetupException {
    return build(config, transcoder, channels, List.of());
  }

  /**
   * Like {@link #build(GatewayConfig, Transcoder, ChannelRegistry)}, also binding {@code extra}
   * methods that may have no HTTP route (the calls of composite routes).
   *
   * @throws BackendSetupException when a backend's settings cannot make a channel
   */
  public static BackendBindings build(GatewayConfig config, Transcoder transcoder,
      ChannelRegistry channels, Collection<Descriptors.MethodDescriptor> extra)
      throws BackendSetupException {
    return build(config, transcoder, channels, extra, GatewayMetrics.none());
  }

  /**
   * Like {@link #build(GatewayConfig, Transcoder, ChannelRegistry, Collection)}, with every bound
   * method's calls measured in {@code metrics} ({@link BackendCallObserver} on its channel, its
   * meters resolved here, once per snapshot).
   *
   * @throws BackendSetupException when a backend's settings cannot make a channel
   */
  public static BackendBindings build(GatewayConfig config, Transcoder transcoder,
      ChannelRegistry channels, Collection<Descriptors.MethodDescriptor> extra,
      GatewayMetrics metrics)
      throws BackendSetupException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(extra, "extra");
    Objects.requireNonNull(transcoder, "transcoder");
    Objects.requireNonNull(channels, "channels");
    Map<String, ManagedChannel> byBackend = new HashMap<>();
    for (BackendConfig backend : config.backends()) {
      byBackend.put(backend.name(), channels.channel(backend));
    }
    Map<String, Duration> routeTimeouts = new HashMap<>();
    for (RouteConfig route : config.routes()) {
      route.timeout().ifPresent(t -> routeTimeouts.put(route.method(), t));
    }
    ServicePatterns patterns = ServicePatterns.of(config.backends());
    Map<Descriptors.MethodDescriptor, BoundMethod> methods = new IdentityHashMap<>();
    TreeSet<String> orphans = new TreeSet<>();
    List<Descriptors.MethodDescriptor> all = new ArrayList<>();
    transcoder.routes().forEach(route -> all.add(route.method()));
    all.addAll(extra);
    for (Descriptors.MethodDescriptor method : all) {
      if (methods.containsKey(method)) {
        continue; // one method, several HTTP bindings or composite calls
      }
      Optional<BackendConfig> backend = patterns.backendFor(method.getService().getFullName());
      if (backend.isEmpty()) {
        orphans.add(method.getService().getFullName());
      }
      Duration timeout = routeTimeouts.getOrDefault(
          method.getFullName(), defaultTimeout(method, backend, config));
      MethodDescriptor<byte[], byte[]> grpcMethod = grpcMethod(method);
      methods.put(method, new BoundMethod(
          grpcMethod,
          backend.map(b -> observed(byBackend.get(b.name()), b.name(), grpcMethod, metrics)),
          backend.map(BackendConfig::name),
          timeout));
    }
    List<LoadProblem> problems = new ArrayList<>();
    for (String service : orphans) {
      problems.add(new LoadProblem(service,
          "no backend serves this service; its routes answer 503 UNAVAILABLE"));
    }
    return new BackendBindings(Collections.unmodifiableMap(methods), patterns, problems);
  }

  /** The backend's channel with the method's calls measured, when {@code metrics} count. */
  private static Channel observed(Channel channel, String backend,
      MethodDescriptor<byte[], byte[]> method, GatewayMetrics metrics) {
    if (!metrics.counting()) {
      return channel;
    }
    return new ObservedChannel(channel,
        new BackendCallObserver(metrics.backend(backend, method.getFullMethodName())));
  }

  /**
   * The deadline of a method no route entry times: a streaming call lives as long as its stream,
   * so it gets {@code server.stream_timeout}; a backend's timeout is meant for one answer.
   */
  private static Duration defaultTimeout(
      Descriptors.MethodDescriptor method, Optional<BackendConfig> backend, GatewayConfig config) {
    if (method.isClientStreaming() || method.isServerStreaming()) {
      return config.server().streamTimeout();
    }
    return backend.map(BackendConfig::timeout).orElse(UNBOUND_TIMEOUT);
  }

  /** The grpc-java descriptor of a method, with pass-through byte[] marshallers. */
  static MethodDescriptor<byte[], byte[]> grpcMethod(Descriptors.MethodDescriptor method) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(type(method))
        .setFullMethodName(MethodDescriptor.generateFullMethodName(
            method.getService().getFullName(), method.getName()))
        .setRequestMarshaller(BytesMarshaller.INSTANCE)
        .setResponseMarshaller(BytesMarshaller.INSTANCE)
        .build();
  }

  private static MethodDescriptor.MethodType type(Descriptors.MethodDescriptor method) {
    if (method.isClientStreaming()) {
      return method.isServerStreaming()
          ? MethodDescriptor.MethodType.BIDI_STREAMING
          : MethodDescriptor.MethodType.CLIENT_STREAMING;
    }
    return method.isServerStreaming()
        ? MethodDescriptor.MethodType.SERVER_STREAMING
        : MethodDescriptor.MethodType.UNARY;
  }

  /** The binding of a routed method of this snapshot (looked up by identity); empty for others. */
  public Optional<BoundMethod> method(Descriptors.MethodDescriptor method) {
    return Optional.ofNullable(methods.get(method));
  }

  /** Every bound method, in no particular order. */
  public Collection<BoundMethod> methods() {
    return methods.values();
  }

  /** The name of the backend serving {@code serviceFullName} ({@code pkg.Service}), for the admin API. */
  public Optional<String> backendFor(String serviceFullName) {
    Objects.requireNonNull(serviceFullName, "serviceFullName");
    return patterns.backendFor(serviceFullName).map(BackendConfig::name);
  }

  /** Routed services that no backend serves, one problem each, sorted by service name. */
  public List<LoadProblem> problems() {
    return problems;
  }
}
