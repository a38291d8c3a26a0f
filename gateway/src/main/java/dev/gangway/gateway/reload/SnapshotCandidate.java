package dev.gangway.gateway.reload;

import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.DescriptorsConfig.BreakingChangePolicy;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.evolution.BreakingChange;
import dev.gangway.transcoder.evolution.BreakingChanges;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reload attempt's new snapshot, or why there is none: loads the configuration, builds the
 * snapshot and decides whether it may replace the serving one.
 *
 * <p>Immutable. {@link #attempt} runs on the reloader's thread, never on the request path.
 *
 * @param config the configuration that loaded, empty when loading it failed
 * @param snapshot the snapshot to swap in, empty when the attempt is rejected
 * @param rejection why the attempt is rejected, empty when it is not
 * @param breakingChanges what the new descriptors break for clients of the served ones (empty
 *     when the attempt did not get as far as comparing them)
 */
record SnapshotCandidate(
    Optional<GatewayConfig> config,
    Optional<RuntimeSnapshot> snapshot,
    Optional<String> rejection,
    List<BreakingChange> breakingChanges) {
  private static final Logger log = LoggerFactory.getLogger(SnapshotCandidate.class);

  /** How many descriptor problems a rejection message names before it counts the rest. */
  private static final int PROBLEMS_NAMED = 3;

  SnapshotCandidate {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(rejection, "rejection");
    breakingChanges = List.copyOf(breakingChanges);
  }

  /**
   * Loads, builds and checks. Rejected: the configuration does not load, the factory refuses or
   * fails, or a descriptor set could not be read, parsed or linked (a corrupt or half-written
   * file would otherwise silently drop its services). Bad rules in readable files are not a
   * reason: they are reported in the transcoder, as at start. Breaking changes against
   * {@code served} are a reason when the new configuration says
   * {@code descriptors.breaking_changes: refuse}.
   */
  static SnapshotCandidate attempt(
      ConfigSource source, SnapshotFactory factory, long generation, RuntimeSnapshot served) {
    GatewayConfig config;
    try {
      config = source.load();
    } catch (ConfigException e) {
      return rejected(Optional.empty(), "config: " + e.getMessage());
    } catch (RuntimeException | Error e) {
      // Any Throwable, OutOfMemoryError and StackOverflowError included, costs this attempt only.
      log.error("loading the configuration failed unexpectedly", e);
      return rejected(Optional.empty(), "config: " + BuildFailure.describe(e));
    }
    Optional<String> tooBig = HeapBudget.refusal(config);
    if (tooBig.isPresent()) {
      return rejected(Optional.of(config), tooBig.get());
    }
    RuntimeSnapshot snapshot;
    try {
      snapshot = factory.build(config, generation);
    } catch (SnapshotException e) {
      return rejected(Optional.of(config), e.getMessage());
    } catch (RuntimeException | Error e) {
      // The partly built snapshot is unreachable once this frame is left, so after an
      // OutOfMemoryError the heap is back to what the serving snapshot needs.
      BuildFailure.log(log, generation, e);
      return rejected(Optional.of(config), "snapshot build failed: " + BuildFailure.describe(e));
    }
    List<LoadProblem> problems = snapshot.transcoder().descriptors().problems();
    if (!problems.isEmpty()) {
      return rejected(Optional.of(config), describe(problems));
    }
    List<BreakingChange> breaking =
        BreakingChanges.between(served.transcoder(), snapshot.transcoder());
    if (!breaking.isEmpty()
        && config.descriptors().breakingChanges() == BreakingChangePolicy.REFUSE) {
      return new SnapshotCandidate(Optional.of(config), Optional.empty(),
          Optional.of(refusal(breaking)), breaking);
    }
    return new SnapshotCandidate(
        Optional.of(config), Optional.of(snapshot), Optional.empty(), breaking);
  }

  private static SnapshotCandidate rejected(Optional<GatewayConfig> config, String why) {
    return new SnapshotCandidate(config, Optional.empty(), Optional.of(why), List.of());
  }

  private static String refusal(List<BreakingChange> changes) {
    StringBuilder out = new StringBuilder("descriptors.breaking_changes: refuse: ")
        .append(changes.size()).append(changes.size() == 1 ? " breaking change: " : " breaking changes: ");
    for (int i = 0; i < Math.min(PROBLEMS_NAMED, changes.size()); i++) {
      out.append(i > 0 ? "; " : "").append(changes.get(i));
    }
    if (changes.size() > PROBLEMS_NAMED) {
      out.append("; and ").append(changes.size() - PROBLEMS_NAMED).append(" more (/admin/status)");
    }
    return out.toString();
  }

  private static String describe(List<LoadProblem> problems) {
    StringBuilder out = new StringBuilder("descriptors: ");
    for (int i = 0; i < Math.min(PROBLEMS_NAMED, problems.size()); i++) {
      if (i > 0) {
        out.append("; ");
      }
      out.append(problems.get(i));
    }
    if (problems.size() > PROBLEMS_NAMED) {
      out.append("; and ").append(problems.size() - PROBLEMS_NAMED).append(" more");
    }
    return out.toString();
  }
}
