package dev.gangway.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestDescriptorSets;
import dev.gangway.gateway.testing.TestSnapshots;
import dev.gangway.gateway.testing.UnboundBindings;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reloader's decisions, with a fake config source and a fake snapshot factory. */
class ReloaderTest {
  private static final GatewayConfig CONFIG =
      TestConfigs.reloading(List.of(Path.of("unused")), false, Duration.ofSeconds(2));

  private final FakeSource source = new FakeSource();
  private final FakeFactory factory = new FakeFactory();
  private final SnapshotHolder holder = new SnapshotHolder(snapshot("a", 1));
  private final ReloadStatus status = new ReloadStatus();
  private final Reloader reloader =
      new Reloader(source, factory, holder, status, ReloaderOptions.DEFAULT);

  @AfterEach
  void close() {
    reloader.close();
  }

  @Test
  void recordsTheInitialSnapshotWithoutCountingAReload() {
    assertThat(status.view().generation()).isEqualTo(1);
    assertThat(status.view().reloads()).isZero();
    assertThat(status.view().descriptorSources()).containsExactly("a.binpb");
  }

  @Test
  void reloadNowSwapsInTheNextGeneration() throws Exception {
    factory.next = "b";

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isTrue();
    assertThat(result.generation()).isEqualTo(2);
    assertThat(result.message()).isEqualTo("generation 2 serving 6 routes from 1 descriptor sets");
    assertThat(holder.current().generation()).isEqualTo(2);
    assertThat(holder.current().transcoder().match("GET", "/b/shelves/1"))
        .isInstanceOf(dev.gangway.transcoder.routing.MatchResult.Matched.class);
    ReloadStatus.View view = status.view();
    assertThat(view.reloads()).isEqualTo(1);
    assertThat(view.lastSuccess()).isPresent();
    assertThat(view.generation()).isEqualTo(2);
    assertThat(view.descriptorSources()).containsExactly("b.binpb");
  }

  @Test
  void breakingChangesAreRecordedAndByDefaultTheReloadGoesAhead() throws Exception {
    factory.next = "b"; // package test.a is gone: every method and route of generation 1

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isTrue();
    ReloadStatus.BreakingReport report = status.breakingChanges().orElseThrow();
    assertThat(report.refused()).isFalse();
    assertThat(report.servedGeneration()).isEqualTo(1);
    assertThat(report.changes()).contains(
        "method removed: test.a.Shelves.GetShelf (not in the new descriptors)",
        "route removed: GET /a/{name=shelves/*} -> test.a.Shelves.GetShelf (no route with this"
            + " method and template calls this gRPC method)");
  }

  @Test
  void refuseKeepsTheServedSnapshotWhenTheNewOneBreaksItsClients() throws Exception {
    RuntimeSnapshot serving = holder.current();
    source.config = refusing();
    factory.next = "b";

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(holder.current()).isSameAs(serving);
    assertThat(result.message()).startsWith("descriptors.breaking_changes: refuse: ")
        .contains("breaking changes: route removed: ");
    assertThat(status.view().lastFailure().orElseThrow().message()).isEqualTo(result.message());
    assertThat(status.breakingChanges().orElseThrow().refused()).isTrue();
  }

  @Test
  void refuseLetsAdditionsThrough() throws Exception {
    source.config = refusing();
    factory.next = "a-with-rivals"; // the same API plus two methods

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isTrue();
    assertThat(status.breakingChanges()).isEmpty();
  }

  private static GatewayConfig refusing() {
    return CONFIG.toBuilder().descriptors(new dev.gangway.gateway.config.DescriptorsConfig(
        CONFIG.descriptors().paths(), false, Duration.ofSeconds(2),
        dev.gangway.gateway.config.DescriptorsConfig.BreakingChangePolicy.REFUSE)).build();
  }

  @Test
  void configErrorKeepsTheServingSnapshotAndRecordsWhy() throws Exception {
    RuntimeSnapshot serving = holder.current();
    source.failure = "backends[0].timeout: \"soon\" is not a duration";

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.generation()).isEqualTo(1);
    assertThat(result.message())
        .isEqualTo("config: backends[0].timeout: \"soon\" is not a duration");
    assertThat(holder.current()).isSameAs(serving);
    assertThat(factory.builds).isZero();
    assertThat(status.view().failures()).isEqualTo(1);
    assertThat(status.view().lastAttemptFailed()).isTrue();
    assertThat(status.view().lastFailure().orElseThrow().message()).isEqualTo(result.message());
  }

  @Test
  void factoryRefusalKeepsTheServingSnapshot() throws Exception {
    RuntimeSnapshot serving = holder.current();
    factory.refusal = "no descriptor set could be loaded from descriptors/";

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message()).isEqualTo("no descriptor set could be loaded from descriptors/");
    assertThat(holder.current()).isSameAs(serving);
  }

  @Test
  void factoryCrashKeepsTheServingSnapshot() throws Exception {
    RuntimeSnapshot serving = holder.current();
    factory.crash = new IllegalStateException("bug");

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message())
        .isEqualTo("snapshot build failed: java.lang.IllegalStateException: bug");
    assertThat(holder.current()).isSameAs(serving);
  }

  @Test
  void outOfMemoryInTheFactoryFailsOnlyThatReload() throws Exception {
    RuntimeSnapshot serving = holder.current();
    factory.crash = new OutOfMemoryError("Java heap space");

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message()).startsWith(
        "snapshot build failed: out of memory (Java heap space; max heap ")
        .endsWith(" MiB): give the JVM more heap (-Xmx), see docs/operations.md \"Heap sizing\"");
    assertThat(holder.current()).isSameAs(serving);
    assertThat(status.view().lastAttemptFailed()).isTrue();
    assertThat(status.view().lastFailure().orElseThrow().message()).isEqualTo(result.message());

    factory.crash = null;
    factory.next = "b";
    assertThat(reloader.reloadNow().swapped()).isTrue();
  }

  @Test
  void stackOverflowInTheFactoryFailsOnlyThatReload() throws Exception {
    RuntimeSnapshot serving = holder.current();
    factory.recurse = true;

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message()).startsWith(
        "snapshot build failed: stack overflow (java.lang.StackOverflowError)");
    assertThat(holder.current()).isSameAs(serving);
    assertThat(status.view().failures()).isEqualTo(1);

    factory.recurse = false;
    factory.next = "b";
    assertThat(reloader.reloadNow().swapped()).isTrue();
  }

  @Test
  void anErrorLoadingTheConfigFailsOnlyThatReload() throws Exception {
    RuntimeSnapshot serving = holder.current();
    source.error = new OutOfMemoryError("Java heap space");

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message()).startsWith("config: out of memory (Java heap space; ");
    assertThat(holder.current()).isSameAs(serving);
    assertThat(factory.builds).isZero();
  }

  @Test
  void unreadableDescriptorSetRejectsTheSnapshot() throws Exception {
    RuntimeSnapshot serving = holder.current();
    factory.next = "garbage";

    ReloadResult result = reloader.reloadNow();

    assertThat(result.swapped()).isFalse();
    assertThat(result.message()).startsWith("descriptors: garbage.binpb: ");
    assertThat(holder.current()).isSameAs(serving);
    assertThat(status.view().failures()).isEqualTo(1);
  }

  @Test
  void successAfterFailureClearsLastAttemptFailedButKeepsTheFailure() throws Exception {
    source.failure = "broken";
    reloader.reloadNow();
    source.failure = null;

    reloader.reloadNow();

    ReloadStatus.View view = status.view();
    assertThat(view.lastAttemptFailed()).isFalse();
    assertThat(view.reloads()).isEqualTo(1);
    assertThat(view.failures()).isEqualTo(1);
    assertThat(view.lastFailure().orElseThrow().message()).isEqualTo("config: broken");
  }

  @Test
  void watchOffWatchesAndPollsNothing() throws Exception {
    reloader.start();

    assertThat(reloader.watching()).isFalse();
    assertThat(reloader.watchedDirectories()).isEmpty();
  }

  @Test
  void closedReloaderRefusesToReload() {
    reloader.close();

    org.assertj.core.api.Assertions.assertThatThrownBy(reloader::reloadNow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("reloader is closed");
  }

  /** A snapshot built from one in-memory descriptor set named {@code <name>.binpb}. */
  static RuntimeSnapshot snapshot(String name, long generation) {
    byte[] data = name.equals("garbage")
        ? "not a descriptor set".getBytes(StandardCharsets.UTF_8)
        : name.equals("a-with-rivals")
            ? TestDescriptorSets.shelvesWithRivals("test.a", "a")
            : TestDescriptorSets.shelves("test." + name, name);
    Transcoder transcoder = Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.bytes(name + ".binpb", data))),
        CONFIG.transcoding());
    return TestSnapshots.of(CONFIG, transcoder, UnboundBindings.of(CONFIG, transcoder), generation,
        Instant.now());
  }

  /** Recurses until the thread's stack overflows: a real StackOverflowError from the factory. */
  private static RuntimeSnapshot deeper(long depth) {
    RuntimeSnapshot snapshot = deeper(depth + 1);
    return depth < 0 ? snapshot : null;
  }

  private static final class FakeSource implements ConfigSource {
    volatile String failure;
    volatile Error error;
    volatile GatewayConfig config = CONFIG;

    @Override
    public GatewayConfig load() throws ConfigException {
      if (error != null) {
        throw error;
      }
      if (failure != null) {
        throw new ConfigException(failure);
      }
      return config;
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }

  private static final class FakeFactory implements SnapshotFactory {
    volatile String next = "a";
    volatile String refusal;
    volatile Throwable crash;
    volatile boolean recurse;
    volatile int builds;

    @Override
    public RuntimeSnapshot build(GatewayConfig config, long generation) throws SnapshotException {
      builds++;
      if (refusal != null) {
        throw new SnapshotException(refusal);
      }
      if (crash instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (crash instanceof Error error) {
        throw error;
      }
      if (recurse) {
        return deeper(generation);
      }
      return snapshot(next, generation);
    }
  }
}
