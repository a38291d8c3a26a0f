package dev.gangway.gateway.backend;

import dev.gangway.gateway.config.BackendConfig;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's backend channels, shared across snapshots: one channel per distinct set of channel
 * settings (target, TLS, load balancing, keepalive, message limit), reused by every snapshot that
 * still names it.
 *
 * <p>Thread-safe; long-lived (one per {@code GatewayServer}). Only setup code calls it: the snapshot
 * factory asks for channels, the reloader calls {@link #retainOnly} once a snapshot is in place;
 * requests use the channels that the snapshot's {@link BackendBindings} hold.
 */
public final class ChannelRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelRegistry.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** The thread every backend connection runs on; outlives the channels, closed after them. */
  private final TransportLoop transport = new TransportLoop();
  private final Map<ChannelKey, ManagedChannel> channels = new HashMap<>();
  /** Backend name -> the settings it was last given, for {@link #states()}. */
  private final Map<String, ChannelKey> names = new HashMap<>();
  private boolean closed;

  /**
   * The channel for this backend's settings: the existing one when another backend or an earlier
   * snapshot already uses the same settings, else a new one.
   *
   * @throws BackendSetupException naming the backend and the setting or file that is unusable
   */
  public synchronized ManagedChannel channel(BackendConfig backend) throws BackendSetupException {
    Objects.requireNonNull(backend, "backend");
    if (closed) {
      throw new IllegalStateException("channel registry is closed");
    }
    ChannelKey key = ChannelKey.of(backend);
    ManagedChannel channel = channels.get(key);
    if (channel == null) {
      channel = ChannelFactory.create(backend, transport);
      channels.put(key, channel);
      log.info("backend \"{}\": channel to {}", backend.name(), backend.target());
    }
    names.put(backend.name(), key);
    return channel;
  }

  /**
   * Shuts down the channels none of {@code backends} names any more. Shutdown is graceful: calls
   * in flight finish, new calls on such a channel fail with UNAVAILABLE.
   */
  public void retainOnly(Collection<BackendConfig> backends) {
    Objects.requireNonNull(backends, "backends");
    List<ManagedChannel> unused = new ArrayList<>();
    synchronized (this) {
      Set<ChannelKey> keep = new HashSet<>();
      Set<String> keepNames = new HashSet<>();
      for (BackendConfig backend : backends) {
        keep.add(ChannelKey.of(backend));
        keepNames.add(backend.name());
      }
      channels.entrySet().removeIf(e -> {
        if (keep.contains(e.getKey())) {
          return false;
        }
        log.info("channel to {} no longer used; shutting down", e.getKey().target());
        unused.add(e.getValue());
        return true;
      });
      names.keySet().retainAll(keepNames);
      names.values().removeIf(key -> !channels.containsKey(key));
    }
    unused.forEach(ManagedChannel::shutdown);
  }

  /** Each named backend's channel state, by backend name (sorted); never triggers a connection. */
  public synchronized Map<String, ConnectivityState> states() {
    Map<String, ConnectivityState> states = new TreeMap<>();
    names.forEach((name, key) -> {
      ManagedChannel channel = channels.get(key);
      if (channel != null) {
        states.put(name, channel.getState(false));
      }
    });
    return states;
  }

  /** How many distinct channels are open. */
  public synchronized int size() {
    return channels.size();
  }

  /**
   * Shuts every channel down, waits briefly for calls in flight, then cancels what is left, and
   * stops the transport thread. Idempotent.
   */
  @Override
  public void close() {
    Map<ChannelKey, ManagedChannel> all;
    synchronized (this) {
      closed = true;
      all = new LinkedHashMap<>(channels);
      channels.clear();
      names.clear();
    }
    all.values().forEach(ManagedChannel::shutdown);
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    for (ManagedChannel channel : all.values()) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!channel.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        channel.shutdownNow();
      }
    }
    transport.close();
  }
}
