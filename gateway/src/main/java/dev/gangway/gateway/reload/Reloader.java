package dev.gangway.gateway.reload;

import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.transcoder.evolution.BreakingChange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * Picks up changes to descriptor sets and the config file without restart: watches them, builds
 * and validates a new {@link RuntimeSnapshot} off the request path, and swaps it in atomically.
 * A rejected snapshot (config error, unreadable descriptor set, factory failure) leaves the
 * serving one in place; every attempt is logged and recorded in {@link ReloadStatus}.
 *
 * <p>Thread-safe. All watching, polling, debouncing and reloading runs on one daemon thread
 * ({@code gangway-reload}), so reloads never overlap; file events arrive on a second daemon thread
 * ({@code gangway-reload-watch}) that only hands them over. Changes are found two ways: file
 * events ({@code WatchService}) and a content-hash poll every {@code descriptors.pollInterval},
 * because events get lost on some file systems. A burst of changes is debounced into one reload.
 * Replaced snapshots are not closed: they hold no resources, and in-flight requests finish on the
 * snapshot they read.
 *
 * <pre>{@code
 * try (Reloader reloader =
 *     new Reloader(source, factory, holder, status, ReloaderOptions.DEFAULT).start()) {
 *   ...
 * }
 * }</pre>
 */
public final class Reloader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Reloader.class);
  /** A proto refactoring can break thousands of fields; the log names this many. */
  private static final int BREAKING_CHANGES_LOGGED = 100;

  private final ConfigSource source;
  private final SnapshotFactory factory;
  private final SnapshotHolder holder;
  private final ReloadStatus status;
  private final ReloaderOptions options;
  private final java.util.function.Consumer<RuntimeSnapshot> afterAttempt;
  private final ScheduledExecutorService thread;
  private volatile boolean watching;
  private volatile boolean closed;

  // Confined to the reload thread.
  private boolean started;
  private WatchPlan plan;
  private String loadedFingerprint = "";
  private String polledFingerprint = "";
  private volatile DirectoryWatcher watcher; // volatile only so close() can reach it
  private ScheduledFuture<?> poll;
  private ScheduledFuture<?> pendingCheck;
  private long firstChangeNanos;
  private long lastChangeNanos;

  /** Records the serving snapshot in {@code status}; nothing is watched before {@link #start}. */
  public Reloader(
      ConfigSource source,
      SnapshotFactory factory,
      SnapshotHolder holder,
      ReloadStatus status,
      ReloaderOptions options) {
    this(source, factory, holder, status, options, serving -> {});
  }

  /**
   * As above, plus {@code afterAttempt}, called on the reload thread with the serving snapshot
   * after every attempt, swapped or rejected: the gateway closes the backend channels that the
   * serving snapshot no longer names (a rejected build may have opened some).
   */
  public Reloader(
      ConfigSource source,
      SnapshotFactory factory,
      SnapshotHolder holder,
      ReloadStatus status,
      ReloaderOptions options,
      java.util.function.Consumer<RuntimeSnapshot> afterAttempt) {
    this.afterAttempt = Objects.requireNonNull(afterAttempt, "afterAttempt");
    this.source = Objects.requireNonNull(source, "source");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.holder = Objects.requireNonNull(holder, "holder");
    this.status = Objects.requireNonNull(status, "status");
    this.options = Objects.requireNonNull(options, "options");
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gangway-reload");
      t.setDaemon(true);
      return t;
    });
    this.plan = WatchPlan.of(holder.current().config(), source.file());
    status.recordInitial(holder.current());
  }

  /**
   * Starts watching what the serving snapshot's configuration names, when its
   * {@code descriptors.watch} is true; with false nothing is watched or polled (only
   * {@link #reloadNow} reloads). Returns this.
   */
  public Reloader start() throws InterruptedException {
    call(() -> {
      started = true;
      loadedFingerprint = fingerprint();
      apply(plan);
      return null;
    });
    return this;
  }

  /** Reloads now, changed or not, and returns the outcome; waits for a reload in progress. */
  public ReloadResult reloadNow() throws InterruptedException {
    return call(this::reload);
  }

  /**
   * Reloads soon on the reload thread, changed files or not, without waiting: for changes the
   * files do not show (a backend serving other descriptors by reflection). Ignored once closed.
   */
  public void reloadLater() {
    try {
      thread.execute(guarded(this::reload));
    } catch (RejectedExecutionException closed) {
      // Stopping: nothing to reload.
    }
  }

  /** Whether changes are being watched (file events and/or the poll). */
  public boolean watching() {
    return watching;
  }

  /** Stops watching; waits up to 5s for a reload in progress, then interrupts it. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.submit(this::stopWatching).get(5, TimeUnit.SECONDS);
    } catch (RejectedExecutionException alreadyClosed) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("reloader did not stop cleanly: {}", e.toString());
    }
    // Pending debounce checks and polls are dropped, not run.
    thread.shutdownNow();
    DirectoryWatcher left = watcher;
    if (left != null) {
      left.close();
    }
  }

  private void apply(WatchPlan next) {
    if (!next.watch() || closed) {
      stopWatching();
      return;
    }
    if (options.fileEvents()) {
      startWatcher();
      if (watcher != null) {
        watcher.watch(next.directories());
      }
    }
    if (poll == null || !next.pollInterval().equals(plan.pollInterval())) {
      cancel(poll);
      long millis = Math.max(1, next.pollInterval().toMillis());
      poll = thread.scheduleWithFixedDelay(
          guarded(this::pollTick), millis, millis, TimeUnit.MILLISECONDS);
    }
    watching = true;
  }

  private void startWatcher() {
    if (watcher != null) {
      return;
    }
    try {
      watcher = new DirectoryWatcher(this::onFileEvent);
      watcher.start();
    } catch (IOException e) {
      log.warn("file events unavailable ({}); relying on the checksum poll", e.toString());
    }
  }

  private void stopWatching() {
    watching = false;
    cancel(poll);
    poll = null;
    cancel(pendingCheck);
    pendingCheck = null;
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }

  /** Runs on the watch thread: hands the event to the reload thread. */
  private void onFileEvent() {
    try {
      thread.execute(this::changed);
    } catch (RejectedExecutionException closed) {
      // Shutting down: nothing to reload.
    }
  }

  private void pollTick() {
    if (watcher != null) {
      // Directories may have appeared or been recreated since the last registration.
      watcher.watch(plan.directories());
    }
    String current = fingerprint();
    // A difference an earlier tick already reported is the same change, not a new one: reported
    // again every tick, it would restart the debounce until maxDelay whenever the poll interval
    // is not longer than the debounce.
    boolean moved = !current.equals(polledFingerprint);
    polledFingerprint = current;
    if (!current.equals(loadedFingerprint) && (moved || pendingCheck == null)) {
      changed();
    }
  }

  /** Something may have changed: check once no change has arrived for the debounce time. */
  private void changed() {
    long now = System.nanoTime();
    lastChangeNanos = now;
    if (pendingCheck == null) {
      firstChangeNanos = now;
      pendingCheck = schedule(this::check, options.debounce().toNanos());
    }
  }

  private void check() {
    long now = System.nanoTime();
    long quiet = now - lastChangeNanos;
    long waited = now - firstChangeNanos;
    long debounce = options.debounce().toNanos();
    long maxDelay = options.maxDelay().toNanos();
    if (quiet < debounce && waited < maxDelay) {
      pendingCheck = schedule(this::check, Math.min(debounce - quiet, maxDelay - waited));
      return;
    }
    pendingCheck = null;
    // Events also come for files that do not matter (an editor's swap file): compare contents.
    if (!fingerprint().equals(loadedFingerprint)) {
      reload();
    }
  }

  private ReloadResult reload() {
    try {
      return attempt();
    } catch (RuntimeException | Error e) {
      // SnapshotCandidate turns build failures into rejections; this catches what is left (an
      // OutOfMemoryError while logging or recording, say), so that nothing a reload throws can
      // reach the thread's executor or the caller of reloadNow.
      return failed(BuildFailure.describe(e));
    } finally {
      try {
        afterAttempt.accept(holder.current());
      } catch (RuntimeException | Error e) {
        log.warn("after reload: {}", BuildFailure.describe(e));
      }
    }
  }

  private ReloadResult failed(String why) {
    status.recordFailure(why, Instant.now());
    long serving = holder.current().generation();
    log.warn("reload rejected, generation {} keeps serving: {}", serving, why);
    return new ReloadResult(false, serving, why);
  }

  private ReloadResult attempt() {
    // Hash before reading, so a change made while loading shows up as a difference next time.
    String configHash = configFingerprint();
    long generation = holder.current().generation() + 1;
    RuntimeSnapshot served = holder.current();
    SnapshotCandidate candidate =
        SnapshotCandidate.attempt(source, factory, generation, served);
    report(candidate, served);
    WatchPlan next = candidate.config().map(this::planFor).orElse(plan);
    loadedFingerprint = configHash + Fingerprint.of(next.descriptorPaths());
    // Watch what the loaded config names even if its snapshot is rejected: the fix goes there.
    if (!next.equals(plan)) {
      if (started) {
        apply(next);
        log.info("reload: now watching {} (watch {}, poll every {})", next.descriptorPaths(),
            next.watch() ? "on" : "off", next.pollInterval());
      }
      plan = next;
    }
    if (candidate.snapshot().isEmpty()) {
      return failed(candidate.rejection().orElse("rejected"));
    }
    RuntimeSnapshot snapshot = candidate.snapshot().get();
    holder.swap(snapshot);
    status.recordSuccess(snapshot, Instant.now());
    String message = describe(snapshot);
    log.info("reloaded: {}", message);
    return new ReloadResult(true, snapshot.generation(), message);
  }

  /** Logs and records what the candidate breaks for the served snapshot's clients, if anything. */
  private void report(SnapshotCandidate candidate, RuntimeSnapshot served) {
    List<BreakingChange> changes = candidate.breakingChanges();
    if (changes.isEmpty()) {
      return;
    }
    boolean refused = candidate.snapshot().isEmpty();
    log.warn("reload: {} breaking change(s) against generation {}{}", changes.size(),
        served.generation(), refused ? " (refused: descriptors.breaking_changes is refuse)" : "");
    for (int i = 0; i < Math.min(BREAKING_CHANGES_LOGGED, changes.size()); i++) {
      log.warn("reload: breaking change: {}", changes.get(i));
    }
    if (changes.size() > BREAKING_CHANGES_LOGGED) {
      log.warn("reload: and {} more breaking changes (see /admin/status)",
          changes.size() - BREAKING_CHANGES_LOGGED);
    }
    status.recordBreakingChanges(new ReloadStatus.BreakingReport(Instant.now(),
        served.generation(), refused, changes.stream().map(BreakingChange::toString).toList()));
  }

  private WatchPlan planFor(GatewayConfig config) {
    return WatchPlan.of(config, source.file());
  }

  /** The watched files as they are on disk now: the config file's hash, then the descriptors'. */
  private String fingerprint() {
    return configFingerprint() + Fingerprint.of(plan.descriptorPaths());
  }

  private String configFingerprint() {
    return Fingerprint.of(plan.configFile().stream().toList());
  }

  private static String describe(RuntimeSnapshot snapshot) {
    int problems = snapshot.transcoder().problems().size();
    return "generation " + snapshot.generation() + " serving "
        + snapshot.transcoder().routes().size() + " routes from "
        + snapshot.transcoder().descriptors().sources().size() + " descriptor sets"
        + (problems == 0 ? "" : " (" + problems + " problems, see /admin/status)");
  }

  /** The directories registered for file events now (for tests). */
  Set<Path> watchedDirectories() throws InterruptedException {
    return call(() -> watcher == null ? Set.of() : watcher.watched());
  }

  private ScheduledFuture<?> schedule(Runnable task, long nanos) {
    return thread.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A failing periodic task would silently stop repeating; log instead and carry on. Errors too:
   * an OutOfMemoryError in a poll must not end the polling for good.
   */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        log.error("reload watcher task failed: {}", BuildFailure.describe(e));
      }
    };
  }

  private static void cancel(ScheduledFuture<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }

  private <T> T call(java.util.concurrent.Callable<T> task) throws InterruptedException {
    try {
      return thread.submit(task).get();
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("reloader is closed", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
