package dev.gangway.gateway.reload;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reload history shown on {@code /admin/status}: successful reloads, the last success, the
 * last failure and what the serving snapshot was built from.
 *
 * <p>Thread-safe: the {@link Reloader} records, anyone reads {@link #view()}, an immutable copy
 * replaced whole on every change (so a reader never sees half an update).
 */
public final class ReloadStatus {
  private final AtomicReference<View> view = new AtomicReference<>(View.NONE);
  private volatile List<String> restartRequired = List.of();
  private volatile Optional<BreakingReport> breakingChanges = Optional.empty();

  /** The current state; never null. */
  public View view() {
    return view.get();
  }

  /** Records the snapshot served at start (not a reload: the count stays as it is). */
  public void recordInitial(RuntimeSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    view.updateAndGet(
        v -> new View(v.reloads(), v.failures(), v.lastSuccess(), v.lastFailure(),
            v.lastAttemptFailed(), snapshot.generation(), sourcesOf(snapshot)));
  }

  /** Records a reload that swapped {@code snapshot} in. */
  public void recordSuccess(RuntimeSnapshot snapshot, Instant at) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(at, "at");
    view.updateAndGet(
        v -> new View(v.reloads() + 1, v.failures(), Optional.of(at), v.lastFailure(), false,
            snapshot.generation(), sourcesOf(snapshot)));
  }

  /** Records a reload that was rejected; the serving snapshot stays. */
  public void recordFailure(String message, Instant at) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
    Failure failure = new Failure(at, message);
    view.updateAndGet(
        v -> new View(v.reloads(), v.failures() + 1, v.lastSuccess(), Optional.of(failure),
            true, v.generation(), v.descriptorSources()));
  }

  /**
   * The keys the files on disk change but only a restart applies ({@link RestartKeys}), each as
   * {@code key: running -> on disk}; empty when a restart would change nothing.
   */
  public List<String> restartRequired() {
    return restartRequired;
  }

  /** Records what {@link #restartRequired()} answers from now on. */
  public void recordRestartRequired(List<String> keys) {
    restartRequired = List.copyOf(keys);
  }

  /**
   * The breaking changes of the last reload attempt that had any (swapped or refused), kept
   * until a later attempt finds some; empty when no attempt has found any.
   */
  public Optional<BreakingReport> breakingChanges() {
    return breakingChanges;
  }

  /** Records the breaking changes a reload attempt found. */
  public void recordBreakingChanges(BreakingReport report) {
    breakingChanges = Optional.of(Objects.requireNonNull(report, "report"));
  }

  private static List<String> sourcesOf(RuntimeSnapshot snapshot) {
    return snapshot.transcoder().descriptors().sources();
  }

  /**
   * One moment of the reload history.
   *
   * <p>Immutable.
   *
   * @param reloads successful reloads since start (the initial load is not counted)
   * @param failures rejected reload attempts since start
   * @param lastSuccess when the last successful reload swapped its snapshot in
   * @param lastFailure the last rejected attempt, kept after later successes
   * @param lastAttemptFailed whether the most recent attempt was rejected (the files on disk are
   *     then not what is served)
   * @param generation the generation of the serving snapshot (0 before the first is recorded)
   * @param descriptorSources the descriptor sets the serving snapshot was loaded from
   */
  public record View(
      long reloads,
      long failures,
      Optional<Instant> lastSuccess,
      Optional<Failure> lastFailure,
      boolean lastAttemptFailed,
      long generation,
      List<String> descriptorSources) {

    static final View NONE =
        new View(0, 0, Optional.empty(), Optional.empty(), false, 0, List.of());

    public View {
      Objects.requireNonNull(lastSuccess, "lastSuccess");
      Objects.requireNonNull(lastFailure, "lastFailure");
      descriptorSources = List.copyOf(descriptorSources);
    }
  }

  /**
   * What a reload attempt's new descriptors break for clients of the served ones
   * ({@code dev.gangway.transcoder.evolution.BreakingChanges}).
   *
   * @param at when the attempt compared them
   * @param servedGeneration the generation that was serving
   * @param refused whether {@code descriptors.breaking_changes: refuse} kept it serving
   * @param changes one line per change, sorted: {@code field number changed: pkg.Book.title (3 -> 9)}
   */
  public record BreakingReport(
      Instant at, long servedGeneration, boolean refused, List<String> changes) {
    public BreakingReport {
      Objects.requireNonNull(at, "at");
      changes = List.copyOf(changes);
    }
  }

  /**
   * A rejected reload attempt.
   *
   * @param at when it was rejected
   * @param message why, naming the file or key
   */
  public record Failure(Instant at, String message) {
    public Failure {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(message, "message");
    }
  }
}
