package dev.gangway.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.DescriptorSnapshotFactory;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestDescriptorSets;
import dev.gangway.transcoder.routing.MatchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reloader on real descriptor files and a real config file, watched and polled. */
class ReloaderFilesTest {
  /** Long enough that only file events can explain a prompt reload. */
  private static final Duration NO_POLL = Duration.ofMinutes(10);

  @TempDir Path dir;

  private final DescriptorSnapshotFactory factory = new DescriptorSnapshotFactory();
  private final ReloadStatus status = new ReloadStatus();
  private SnapshotHolder holder;
  private Reloader reloader;

  @AfterEach
  void close() {
    if (reloader != null) {
      reloader.close();
    }
  }

  @Test
  void newlyDroppedDescriptorSetServesItsRoutesWithoutRestart() throws Exception {
    Path descriptors = Files.createDirectory(dir.resolve("descriptors"));
    TestDescriptorSets.writeAtomically(descriptors.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    start(new FixedSource(TestConfigs.reloading(List.of(descriptors), true, NO_POLL)),
        ReloaderOptions.DEFAULT);
    assertThat(serves("/b/shelves/1")).isFalse();

    TestDescriptorSets.writeAtomically(descriptors.resolve("b.binpb"),
        TestDescriptorSets.shelves("test.b", "b"));

    Await.until("generation 2", () -> holder.current().generation() == 2, status::view);
    assertThat(serves("/a/shelves/1")).isTrue();
    assertThat(serves("/b/shelves/1")).isTrue();
    assertThat(status.view().reloads()).isEqualTo(1);
    assertThat(status.view().descriptorSources())
        .containsExactly(descriptors.resolve("a.binpb").toString(),
            descriptors.resolve("b.binpb").toString());
  }

  @Test
  void garbageInAWatchedFileKeepsThePreviousSnapshotAndRecordsTheFailure() throws Exception {
    Path file = TestDescriptorSets.writeAtomically(dir.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    start(new FixedSource(TestConfigs.reloading(List.of(file), true, NO_POLL)),
        ReloaderOptions.DEFAULT);
    RuntimeSnapshot serving = holder.current();

    Files.write(file, "half a descriptor set".getBytes(StandardCharsets.UTF_8));

    Await.until("a rejected reload", () -> status.view().failures() == 1, status::view);
    assertThat(holder.current()).isSameAs(serving);
    assertThat(serves("/a/shelves/1")).isTrue();
    ReloadStatus.View view = status.view();
    assertThat(view.lastAttemptFailed()).isTrue();
    assertThat(view.lastFailure().orElseThrow().message())
        .startsWith("descriptors: " + file + ": ");

    TestDescriptorSets.writeAtomically(file, TestDescriptorSets.shelves("test.c", "c"));

    Await.until("the repaired file to load", () -> serves("/c/shelves/1"), status::view);
    assertThat(status.view().lastAttemptFailed()).isFalse();
  }

  @Test
  void pollFindsChangesWhenFileEventsAreOff() throws Exception {
    Path descriptors = Files.createDirectory(dir.resolve("descriptors"));
    TestDescriptorSets.writeAtomically(descriptors.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    start(new FixedSource(TestConfigs.reloading(List.of(descriptors), true, Duration.ofMillis(50))),
        ReloaderOptions.builder().fileEvents(false).build());
    assertThat(reloader.watchedDirectories()).isEmpty();

    TestDescriptorSets.writeAtomically(descriptors.resolve("b.binpb"),
        TestDescriptorSets.shelves("test.b", "b"));

    Await.until("the poll to load b", () -> serves("/b/shelves/1"), status::view);
    assertThat(reloader.watching()).isTrue();
  }

  @Test
  void pollFasterThanTheDebounceDoesNotPostponeTheReload() throws Exception {
    // Each poll sees the same not-yet-loaded difference; that is one change, not a new one
    // every tick, so the reload comes after the debounce, not after maxDelay (never, here).
    Path descriptors = Files.createDirectory(dir.resolve("descriptors"));
    TestDescriptorSets.writeAtomically(descriptors.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    Duration poll = Duration.ofMillis(20);
    start(new FixedSource(TestConfigs.reloading(List.of(descriptors), true, poll)),
        ReloaderOptions.builder()
            .fileEvents(false)
            .debounce(Duration.ofMillis(200))
            .maxDelay(Duration.ofHours(1))
            .build());

    TestDescriptorSets.writeAtomically(descriptors.resolve("b.binpb"),
        TestDescriptorSets.shelves("test.b", "b"));

    Await.until("the poll to load b", () -> serves("/b/shelves/1"), status::view);
    assertThat(status.view().reloads()).isEqualTo(1);
  }

  @Test
  void burstOfWritesBecomesFewReloads() throws Exception {
    Path file = TestDescriptorSets.writeAtomically(dir.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    start(new FixedSource(TestConfigs.reloading(List.of(file), true, NO_POLL)),
        ReloaderOptions.builder().debounce(Duration.ofMillis(300)).build());

    for (int i = 0; i < 20; i++) {
      Files.write(file, TestDescriptorSets.shelves("test.w" + i, "w" + i));
    }

    Await.until("the last write to load", () -> serves("/w19/shelves/1"), status::view);
    assertThat(factory.builds()).isLessThanOrEqualTo(5);
  }

  @Test
  void touchingAFileWithoutChangingItDoesNotReload() throws Exception {
    Path file = TestDescriptorSets.writeAtomically(dir.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    Path other = dir.resolve("b.binpb");
    start(new FixedSource(TestConfigs.reloading(List.of(file), true, NO_POLL)),
        ReloaderOptions.DEFAULT);

    // Same bytes again, then a real change to a file the config does not name, then a real one.
    TestDescriptorSets.writeAtomically(file, TestDescriptorSets.shelves("test.a", "a"));
    TestDescriptorSets.writeAtomically(other, TestDescriptorSets.shelves("test.b", "b"));
    TestDescriptorSets.writeAtomically(file, TestDescriptorSets.shelves("test.c", "c"));

    Await.until("c to load", () -> serves("/c/shelves/1"), status::view);
    assertThat(serves("/b/shelves/1")).isFalse();
    assertThat(status.view().reloads()).isEqualTo(1);
  }

  @Test
  void configFileChangeReloadsAndMovesTheWatchToTheNewlyNamedPaths() throws Exception {
    Path first = Files.createDirectory(dir.resolve("first"));
    Path second = Files.createDirectory(dir.resolve("second"));
    TestDescriptorSets.writeAtomically(first.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    TestDescriptorSets.writeAtomically(second.resolve("b.binpb"),
        TestDescriptorSets.shelves("test.b", "b"));
    Path configDir = Files.createDirectory(dir.resolve("etc"));
    Path configFile = write(configDir.resolve("gangway.txt"), first.toString());
    start(new FileSource(configFile), ReloaderOptions.DEFAULT);
    assertThat(reloader.watchedDirectories()).containsExactlyInAnyOrder(first, configDir);

    write(configFile, second.toString());

    Await.until("the config naming second", () -> serves("/b/shelves/1"), status::view);
    assertThat(serves("/a/shelves/1")).isFalse();
    assertThat(reloader.watchedDirectories()).containsExactlyInAnyOrder(second, configDir);

    TestDescriptorSets.writeAtomically(second.resolve("c.binpb"),
        TestDescriptorSets.shelves("test.c", "c"));
    Await.until("c in the newly watched directory", () -> serves("/c/shelves/1"), status::view);
  }

  @Test
  void brokenConfigFileKeepsServingUntilRepaired() throws Exception {
    Path descriptors = Files.createDirectory(dir.resolve("descriptors"));
    TestDescriptorSets.writeAtomically(descriptors.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    Path configFile = write(dir.resolve("gangway.txt"), descriptors.toString());
    start(new FileSource(configFile), ReloaderOptions.DEFAULT);

    write(configFile, "!descriptors.paths[0]: must not be empty");

    Await.until("a rejected reload", () -> status.view().failures() == 1, status::view);
    assertThat(status.view().lastFailure().orElseThrow().message())
        .isEqualTo("config: descriptors.paths[0]: must not be empty");
    assertThat(holder.current().generation()).isEqualTo(1);

    TestDescriptorSets.writeAtomically(descriptors.resolve("b.binpb"),
        TestDescriptorSets.shelves("test.b", "b"));
    write(configFile, descriptors.toString());
    Await.until("the repaired config", () -> serves("/b/shelves/1"), status::view);
  }

  @Test
  void closeStopsTheReloadAndWatchThreads() throws Exception {
    Path file = TestDescriptorSets.writeAtomically(dir.resolve("a.binpb"),
        TestDescriptorSets.shelves("test.a", "a"));
    start(new FixedSource(TestConfigs.reloading(List.of(file), true, Duration.ofMillis(50))),
        ReloaderOptions.DEFAULT);
    assertThat(reloaderThreads()).isNotEmpty();

    reloader.close();

    Await.until("no reloader threads", () -> reloaderThreads().isEmpty(), this::reloaderThreads);
    assertThat(reloader.watching()).isFalse();
  }

  private List<String> reloaderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("gangway-reload"))
        .toList();
  }

  private void start(ConfigSource source, ReloaderOptions options) throws Exception {
    holder = new SnapshotHolder(factory.build(source.load(), 1));
    reloader = new Reloader(source, factory, holder, status, options).start();
  }

  private boolean serves(String path) {
    return holder.current().transcoder().match("GET", path) instanceof MatchResult.Matched;
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same configuration every time. */
  private record FixedSource(GatewayConfig config) implements ConfigSource {
    @Override
    public GatewayConfig load() {
      return config;
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }

  /**
   * A config file of descriptor paths, one a line (watched, polled every 10 minutes); a line
   * starting with {@code !} is a config error with the rest as its message.
   */
  private record FileSource(Path path) implements ConfigSource {
    @Override
    public GatewayConfig load() throws ConfigException {
      List<String> lines;
      try {
        lines = Files.readAllLines(path).stream().filter(l -> !l.isBlank()).toList();
      } catch (IOException e) {
        throw new ConfigException(path + ": cannot be read: " + e.getMessage());
      }
      for (String line : lines) {
        if (line.startsWith("!")) {
          throw new ConfigException(line.substring(1));
        }
      }
      return TestConfigs.reloading(lines.stream().map(Path::of).toList(), true, NO_POLL);
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(path);
    }
  }
}
