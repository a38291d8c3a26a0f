package dev.gangway.gateway.reload;

import dev.gangway.gateway.config.Durations;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The config keys a reload cannot apply: they are read once when the gateway starts (listener
 * settings, the admin listener, shutdown). A reload that changes one still swaps everything else
 * in; the key keeps its start value until a restart, and the difference is logged and shown on
 * {@code /admin/status} as {@code reloads.restartRequired}.
 *
 * <p>Stateless. Keys are listed in docs/configuration.md ("Keys that need a restart").
 */
public final class RestartKeys {
  private record Key<T>(String name, Function<GatewayConfig, T> value) {
    void compare(GatewayConfig started, GatewayConfig loaded, List<String> out) {
      T before = value.apply(started);
      T after = value.apply(loaded);
      if (!Objects.equals(before, after)) {
        out.add(name + ": " + format(before) + " -> " + format(after));
      }
    }
  }

  private static final List<Key<?>> KEYS = List.of(
      server("server.bind", ServerConfig::bind),
      server("server.port", ServerConfig::port),
      server("server.io_threads", ServerConfig::ioThreads),
      server("server.idle_timeout", ServerConfig::idleTimeout),
      server("server.read_timeout", ServerConfig::readTimeout),
      server("server.max_header_size", ServerConfig::maxHeaderBytes),
      new Key<>("admin.bind", c -> c.admin().bind()),
      new Key<>("admin.port", c -> c.admin().port()),
      new Key<>("shutdown.drain_delay", c -> c.shutdown().drainDelay()),
      new Key<>("shutdown.grace", c -> c.shutdown().grace()),
      new Key<>("tracing.enabled", c -> c.tracing().enabled()),
      new Key<>("tracing.endpoint", c -> c.tracing().endpoint().orElse("")),
      new Key<>("tracing.sample_ratio", c -> c.tracing().sampleRatio()),
      new Key<>("tracing.service_name", c -> c.tracing().serviceName()));

  private static String format(Object value) {
    return value instanceof Duration d ? Durations.format(d) : String.valueOf(value);
  }

  /** The names of the keys that need a restart, as the docs list them. */
  public static final List<String> NAMES = KEYS.stream().map(Key::name).toList();

  private RestartKeys() {}

  private static <T> Key<T> server(String name, Function<ServerConfig, T> value) {
    return new Key<>(name, c -> value.apply(c.server()));
  }

  /**
   * The restart-only keys whose value in {@code loaded} differs from {@code started}, each as
   * {@code key: started -> loaded}; empty when a restart would change nothing.
   */
  public static List<String> changed(GatewayConfig started, GatewayConfig loaded) {
    List<String> out = new ArrayList<>();
    for (Key<?> key : KEYS) {
      key.compare(started, loaded, out);
    }
    return List.copyOf(out);
  }
}
