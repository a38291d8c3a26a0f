package dev.gangway.gateway.reflection;

import dev.gangway.gateway.backend.BackendSetupException;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.ReflectionConfig;
import dev.gangway.transcoder.evolution.DescriptorDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The descriptors the backends with {@code reflection} enabled serve: fetched by server
 * reflection at start ({@link #fetchNow}), again every {@code refresh_interval}
 * ({@link #schedule}), and the drift the snapshot builds found between them and the dropped-in
 * files.
 *
 * <p>Thread-safe; lives as long as the gateway, like its channels. Fetches and their callbacks
 * run on one daemon thread, {@code gangway-reflection}; no IO thread waits for them. A failed
 * fetch keeps what the backend served before (a backend restarting is no reason to drop its API)
 * and records the failure. When a refresh finds that a backend serves other descriptors than
 * before, {@code changed} runs on that thread (the gateway reloads then). Readers get immutable
 * maps, replaced whole.
 */
public final class ReflectedDescriptors implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReflectedDescriptors.class);
  /** What start waits beyond the largest timeout, for the callbacks to land. */
  private static final long START_SLACK_MILLIS = 2000;

  private final ChannelRegistry channels;
  private final Runnable changed;
  private final ScheduledExecutorService thread;
  private volatile Map<String, Source> current = Map.of();
  /** Drift by snapshot generation: the serving one and at most one candidate. */
  private volatile Map<Long, Map<String, DescriptorDrift>> drift = Map.of();
  // Guarded by this.
  private final Map<String, Scheduled> scheduled = new HashMap<>();
  /** The reflecting backends of the current config: a late answer of another is dropped. */
  private Set<String> names = Set.of();
  // Confined to the reflection thread.
  private final Set<String> inFlight = new HashSet<>();

  /**
   * What one backend served at its last successful fetch, and how its last fetch went.
   *
   * @param backend the backend's name
   * @param at when the last fetch ended
   * @param fetched what it served at the last successful fetch; empty when none succeeded
   * @param error why the last fetch failed; empty when it succeeded
   */
  public record Source(String backend, Instant at, Optional<ReflectionClient.Fetched> fetched,
      Optional<String> error) {
    public Source {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(fetched, "fetched");
      Objects.requireNonNull(error, "error");
    }
  }

  private record Scheduled(BackendConfig backend, ScheduledFuture<?> future) {}

  /**
   * Fetches nothing until asked. Channels come from the gateway's shared registry;
   * {@code changed} runs when a refresh finds other descriptors than before.
   */
  public ReflectedDescriptors(ChannelRegistry channels, Runnable changed) {
    this.channels = Objects.requireNonNull(channels, "channels");
    this.changed = Objects.requireNonNull(changed, "changed");
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gangway-reflection");
      t.setDaemon(true);
      return t;
    });
  }

  /** The backends whose {@code reflection} is enabled, in config order. */
  public static List<BackendConfig> reflecting(List<BackendConfig> backends) {
    return backends.stream().filter(b -> b.reflection().enabled()).toList();
  }

  /** What each reflecting backend served, by backend name (sorted); empty when none is. */
  public Map<String, Source> current() {
    return current;
  }

  /** The drift the build of snapshot {@code generation} found, by backend name. */
  public Map<String, DescriptorDrift> drift(long generation) {
    return drift.getOrDefault(generation, Map.of());
  }

  /** Records the drift the build of snapshot {@code generation} found (the snapshot factory). */
  public synchronized void recordDrift(long generation, Map<String, DescriptorDrift> found) {
    Map<Long, Map<String, DescriptorDrift>> next = new HashMap<>();
    // Keep the generation before this one (it may still be serving if this build is rejected).
    drift.forEach((g, d) -> {
      if (g == generation - 1) {
        next.put(g, d);
      }
    });
    next.put(generation, sorted(found));
    drift = Map.copyOf(next);
  }

  /**
   * Fetches from every reflecting backend and waits for the answers, at most the largest
   * configured timeout and a little: for start, before the first snapshot is built. A backend
   * that fails is logged and recorded; its services are then what the files declare.
   */
  public void fetchNow(List<BackendConfig> backends) throws InterruptedException {
    List<BackendConfig> reflecting = reflecting(backends);
    if (reflecting.isEmpty()) {
      return;
    }
    synchronized (this) {
      names = reflecting.stream().map(BackendConfig::name).collect(
          java.util.stream.Collectors.toUnmodifiableSet());
    }
    long wait = START_SLACK_MILLIS;
    List<CompletableFuture<Boolean>> fetches = new ArrayList<>();
    for (BackendConfig backend : reflecting) {
      wait = Math.max(wait, backend.reflection().timeout().toMillis() + START_SLACK_MILLIS);
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      thread.execute(() -> refresh(backend).whenComplete((c, e) -> done.complete(c)));
      fetches.add(done);
    }
    try {
      CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new))
          .get(wait, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("reflection: the fetch at start did not complete: {}", e.toString());
    }
  }

  /**
   * Refetches each reflecting backend of {@code backends} every {@code refresh_interval}, and
   * stops refetching the ones no longer named (forgetting what they served). A backend already
   * scheduled with the same settings keeps its schedule; a new or changed one is fetched at
   * once, unless {@code justFetched} (at start, after {@link #fetchNow}).
   */
  public synchronized void schedule(List<BackendConfig> backends, boolean justFetched) {
    Map<String, BackendConfig> wanted = new HashMap<>();
    reflecting(backends).forEach(b -> wanted.put(b.name(), b));
    names = Set.copyOf(wanted.keySet());
    scheduled.entrySet().removeIf(e -> {
      boolean keep = e.getValue().backend().equals(wanted.get(e.getKey()));
      if (!keep) {
        e.getValue().future().cancel(false);
      }
      return !keep;
    });
    for (BackendConfig backend : wanted.values()) {
      if (scheduled.containsKey(backend.name())) {
        continue;
      }
      long interval = Math.max(1, backend.reflection().refreshInterval().toMillis());
      try {
        ScheduledFuture<?> future = thread.scheduleWithFixedDelay(() -> tick(backend),
            justFetched ? interval : 0, interval, TimeUnit.MILLISECONDS);
        scheduled.put(backend.name(), new Scheduled(backend, future));
      } catch (RejectedExecutionException closed) {
        return;
      }
    }
    Map<String, Source> kept = new TreeMap<>(current);
    if (kept.keySet().retainAll(wanted.keySet())) {
      current = sorted(kept);
    }
  }

  /** A scheduled refresh; skipped while the previous one of the same backend is running. */
  private void tick(BackendConfig backend) {
    if (!inFlight.add(backend.name())) {
      return;
    }
    refresh(backend).whenComplete((isNew, e) -> {
      inFlight.remove(backend.name());
      if (Boolean.TRUE.equals(isNew)) {
        log.info("reflection: backend {} serves other descriptors now; reloading",
            backend.name());
        changed.run();
      }
    });
  }

  /**
   * Fetches once from {@code backend} and records the outcome (on the reflection thread);
   * completes with whether it serves other descriptors than at its last successful fetch.
   */
  private CompletableFuture<Boolean> refresh(BackendConfig backend) {
    ReflectionConfig r = backend.reflection();
    CompletableFuture<ReflectionClient.Fetched> fetch;
    try {
      fetch = ReflectionClient.fetch(channels.channel(backend),
          new ReflectionClient.Limits(r.timeout(), r.maxFiles(), r.maxBytes()), thread);
    } catch (BackendSetupException | RuntimeException e) {
      fetch = CompletableFuture.failedFuture(e);
    }
    return fetch.handle((fetched, failure) -> record(backend.name(), fetched, failure));
  }

  private boolean record(String name, ReflectionClient.Fetched fetched, Throwable failure) {
    Source before = current.get(name);
    Source after;
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      String why = cause instanceof ReflectionException
          ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
      if (before == null || before.error().isEmpty()) {
        log.warn("reflection: backend {}: {}{}", name, why, before != null
            && before.fetched().isPresent() ? " (what it served before is kept)" : "");
      }
      after = new Source(name, Instant.now(),
          before == null ? Optional.empty() : before.fetched(), Optional.of(why));
    } else {
      if (before != null && before.error().isPresent()) {
        log.info("reflection: backend {} answers again ({})", name, fetched.protocol());
      }
      fetched.problems().forEach(p -> log.warn("reflection: backend {}: {}", name, p));
      after = new Source(name, Instant.now(), Optional.of(fetched), Optional.empty());
    }
    synchronized (this) {
      if (!names.contains(name)) {
        return false; // the config no longer names it: a fetch that ended after the reload
      }
      Map<String, Source> next = new TreeMap<>(current);
      next.put(name, after);
      current = sorted(next);
    }
    return fetched != null && (before == null || before.fetched().isEmpty()
        || !before.fetched().get().services().equals(fetched.services())
        || !before.fetched().get().files().equals(fetched.files()));
  }

  /** An immutable copy that keeps the keys sorted (Map.copyOf would not). */
  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** Stops fetching; callbacks still due are dropped. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      scheduled.values().forEach(s -> s.future().cancel(false));
      scheduled.clear();
    }
    thread.shutdownNow();
  }
}
