package dev.gangway.gateway.admin;

import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.gateway.reload.ReloadStatus;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /admin/status}: what is serving, where it came from, what went wrong
 * loading it, how the backends' channels are, and the reload history.
 *
 * <p>Immutable. Times are ISO-8601 strings (UTC).
 *
 * @param generation the serving snapshot's generation (1 at start, +1 per reload)
 * @param builtAt when the serving snapshot was built
 * @param routes how many routes it serves
 * @param descriptorSources the descriptor set files it was loaded from
 * @param problems what was left out loading it
 * @param backends channel state by backend name
 * @param watch what is watched for changes
 * @param reloads the reload history
 * @param reflection the backends with {@code reflection} enabled: their last fetch and drift
 */
record StatusView(
    long generation,
    String builtAt,
    int routes,
    List<String> descriptorSources,
    List<RoutesView.ProblemJson> problems,
    Map<String, String> backends,
    WatchJson watch,
    ReloadsJson reloads,
    List<ReflectionView.BackendJson> reflection) {

  static StatusView of(RuntimeSnapshot snapshot, BackendStates states, ReloadStatus reloads) {
    return of(snapshot, states, reloads, List.of());
  }

  static StatusView of(RuntimeSnapshot snapshot, BackendStates states, ReloadStatus reloads,
      List<ReflectionView.BackendJson> reflection) {
    return new StatusView(
        snapshot.generation(),
        snapshot.builtAt().toString(),
        snapshot.transcoder().routes().size(),
        snapshot.transcoder().descriptors().sources(),
        RoutesView.ProblemJson.of(snapshot.transcoder().problems()),
        new TreeMap<>(states.states()),
        WatchJson.of(snapshot.config().descriptors()),
        ReloadsJson.of(reloads.view(), reloads.restartRequired(), reloads.breakingChanges()),
        reflection);
  }

  /**
   * The serving configuration's {@code descriptors} section.
   *
   * @param enabled whether changes are picked up without restart
   * @param pollInterval how often checksums are compared, e.g. {@code 2s}
   * @param paths the configured descriptor files and directories
   */
  record WatchJson(boolean enabled, String pollInterval, List<String> paths) {
    static WatchJson of(DescriptorsConfig d) {
      return new WatchJson(d.watch(), format(d.pollInterval()),
          d.paths().stream().map(Path::toString).toList());
    }

    private static String format(Duration d) {
      long millis = d.toMillis();
      return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
  }

  /**
   * The reload history.
   *
   * @param count successful reloads since start
   * @param failures rejected attempts since start
   * @param lastSuccess when the last reload succeeded, or null
   * @param lastFailure the last rejected attempt, or null
   * @param lastAttemptFailed true while the files on disk are not what is served
   * @param restartRequired keys changed on disk that only a restart applies, as
   *     {@code key: running -> on disk}
   * @param breakingChanges the last attempt that found breaking changes, or null
   */
  record ReloadsJson(
      long count, long failures, String lastSuccess, FailureJson lastFailure,
      boolean lastAttemptFailed, List<String> restartRequired,
      BreakingChangesJson breakingChanges) {
    static ReloadsJson of(ReloadStatus.View v, List<String> restartRequired,
        java.util.Optional<ReloadStatus.BreakingReport> breaking) {
      return new ReloadsJson(
          v.reloads(),
          v.failures(),
          v.lastSuccess().map(Object::toString).orElse(null),
          v.lastFailure().map(f -> new FailureJson(f.at().toString(), f.message())).orElse(null),
          v.lastAttemptFailed(),
          restartRequired,
          breaking.map(BreakingChangesJson::of).orElse(null));
    }
  }

  /**
   * What the last reload attempt with breaking changes found.
   *
   * @param at when
   * @param servedGeneration the generation it was compared with
   * @param refused true when the reload was refused for it (the old generation kept serving)
   * @param changes one line per change
   */
  record BreakingChangesJson(
      String at, long servedGeneration, boolean refused, List<String> changes) {
    static BreakingChangesJson of(ReloadStatus.BreakingReport r) {
      return new BreakingChangesJson(
          r.at().toString(), r.servedGeneration(), r.refused(), r.changes());
    }
  }

  /** A rejected reload: when, and why. */
  record FailureJson(String at, String message) {}
}
