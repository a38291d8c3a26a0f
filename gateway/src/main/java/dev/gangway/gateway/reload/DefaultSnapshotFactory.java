package dev.gangway.gateway.reload;

import dev.gangway.gateway.observe.GatewayMetrics;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.backend.BackendSetupException;
import dev.gangway.gateway.backend.ChannelRegistry;
import dev.gangway.gateway.compose.CompositeCompiler;
import dev.gangway.gateway.compose.CompositeException;
import dev.gangway.gateway.compose.CompositeRoutes;
import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.policy.RoutePolicy;
import dev.gangway.gateway.problems.Problem;
import dev.gangway.gateway.reflection.ReflectedDescriptors;
import dev.gangway.gateway.reflection.ReflectionMerge;
import dev.gangway.gateway.problems.ProblemCounts;
import dev.gangway.gateway.problems.SnapshotProblems;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot factory of a running gateway: loads the configured descriptor sets, compiles the
 * transcoder and the composite routes and binds their methods to channels from the shared
 * {@link ChannelRegistry}. A composite that does not compile fails the whole snapshot.
 *
 * <p>Thread-safe (the registry is); called at start and by the reloader, never on the request
 * path. It does not call {@link ChannelRegistry#retainOnly}: whoever installs the snapshot does,
 * after the swap.
 */
public final class DefaultSnapshotFactory implements SnapshotFactory {
  private static final Logger log = LoggerFactory.getLogger(DefaultSnapshotFactory.class);
  private static final int PROBLEMS_IN_MESSAGE = 3;

  private final ChannelRegistry channels;
  private final ProblemLog problemLog = new ProblemLog(log);
  private final List<RoutePolicy.Factory> policies;
  private final GatewayMetrics metrics;
  private final Optional<ReflectedDescriptors> reflection;

  /**
   * @param channels the channels shared by every snapshot
   * @param policies the factories of the route policies, in the order the policies run
   */
  public DefaultSnapshotFactory(ChannelRegistry channels, List<RoutePolicy.Factory> policies) {
    this(channels, policies, GatewayMetrics.none());
  }

  /**
   * As above; every snapshot's routes and backend methods are measured in {@code metrics}.
   */
  public DefaultSnapshotFactory(ChannelRegistry channels, List<RoutePolicy.Factory> policies,
      GatewayMetrics metrics) {
    this(channels, policies, metrics, Optional.empty());
  }

  /**
   * As above; every snapshot merges what the reflecting backends served at their last fetch
   * ({@code reflection}) with the dropped-in files ({@link ReflectionMerge}: the files win) and
   * records the drift between the two there.
   */
  public DefaultSnapshotFactory(ChannelRegistry channels, List<RoutePolicy.Factory> policies,
      GatewayMetrics metrics, Optional<ReflectedDescriptors> reflection) {
    this.channels = Objects.requireNonNull(channels, "channels");
    this.policies = List.copyOf(policies);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.reflection = Objects.requireNonNull(reflection, "reflection");
  }

  @Override
  public RuntimeSnapshot build(GatewayConfig config, long generation) throws SnapshotException {
    Objects.requireNonNull(config, "config");
    // Read once: a refresh that lands during this build counts for the next one.
    Map<String, ReflectedDescriptors.Source> reflected =
        reflection.map(ReflectedDescriptors::current).orElse(Map.of());
    ReflectionMerge merged = ReflectionMerge.load(config, reflected);
    LoadedDescriptors loaded = merged.loaded();
    if (loaded.sources().isEmpty() && !loaded.problems().isEmpty()) {
      throw new SnapshotException("no descriptor set could be loaded: " + summary(loaded.problems())
          + reflectionErrors(reflected));
    }
    reflection.ifPresent(r -> r.recordDrift(generation, merged.drift()));
    merged.drift().forEach((backend, drift) -> {
      if (!drift.none()) {
        log.warn("snapshot {}: backend {} serves descriptors that differ from the dropped-in"
            + " files: {} difference(s), {} undeclared method(s) (GET /admin/drift)", generation,
            backend, drift.differences().size(), drift.undeclared().size());
      }
    });
    Transcoder transcoder = Transcoder.build(loaded, config.transcoderOptions());
    BackendBindings bindings;
    CompositeRoutes composites;
    try {
      List<MethodDescriptor> called =
          new ArrayList<>(CompositeCompiler.methods(config.composites(), loaded));
      // Every method, routed or not, is callable over gRPC-Web and Connect.
      loaded.services().forEach(service -> called.addAll(service.getMethods()));
      bindings = BackendBindings.build(config, transcoder, channels, called, metrics);
      composites = CompositeCompiler.compile(config.composites(), transcoder, bindings);
    } catch (BackendSetupException | CompositeException e) {
      throw new SnapshotException(e.getMessage());
    }
    report(generation, config, transcoder);
    return RuntimeSnapshot.compile(
        config, transcoder, bindings, composites, policies, generation, Instant.now(), metrics);
  }

  /**
   * Loads the descriptor sets {@code descriptors} names, as every snapshot does; problems are in
   * the result. {@code gangway validate} reads them with this too.
   */
  public static LoadedDescriptors loadDescriptors(DescriptorsConfig descriptors) {
    List<DescriptorSource> sources = new ArrayList<>();
    for (Path path : descriptors.paths()) {
      sources.add(DescriptorSource.path(path));
    }
    return DescriptorLoader.load(sources);
  }

  /**
   * Logs the problems {@code gangway validate} reports for this configuration, the same list
   * ({@link SnapshotProblems}): the summary line with the counts by kind, then each problem with
   * its kind (those unchanged since the previous snapshot are counted, not repeated).
   */
  private void report(long generation, GatewayConfig config, Transcoder transcoder) {
    List<Problem> problems = SnapshotProblems.of(config, transcoder);
    log.info("snapshot {}: {} routes from {} descriptor set(s), {}", generation,
        transcoder.routes().size(), transcoder.descriptors().sources().size(),
        ProblemCounts.of(problems).describe());
    problemLog.report(generation,
        problems.stream().map(p -> p.kind().heading() + ": " + p.text()).toList());
  }

  /** {@code ; reflection: backend "x": why}, for each reflecting backend whose fetch failed. */
  private static String reflectionErrors(Map<String, ReflectedDescriptors.Source> reflected) {
    StringBuilder text = new StringBuilder();
    reflected.values().forEach(source -> source.error().ifPresent(why ->
        text.append("; reflection: backend \"").append(source.backend()).append("\": ")
            .append(why)));
    return text.toString();
  }

  private static String summary(List<LoadProblem> problems) {
    String shown = problems.stream()
        .limit(PROBLEMS_IN_MESSAGE)
        .map(LoadProblem::toString)
        .collect(Collectors.joining("; "));
    int more = problems.size() - PROBLEMS_IN_MESSAGE;
    return more > 0 ? shown + " (and " + more + " more)" : shown;
  }
}
