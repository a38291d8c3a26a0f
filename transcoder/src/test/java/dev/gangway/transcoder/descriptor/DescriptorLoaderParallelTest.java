package dev.gangway.transcoder.descriptor;

import static dev.gangway.transcoder.descriptor.TestSets.TEST_SET;
import static dev.gangway.transcoder.descriptor.TestSets.file;
import static dev.gangway.transcoder.descriptor.TestSets.testFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files of a set are parsed and built on several threads ({@link ParsingWorkers},
 * {@link FileBuilds}); a load must be the one a single thread makes, and a failure on any thread
 * must fail that load only.
 */
class DescriptorLoaderParallelTest {
  /** The build's set with source info (comments) and HTTP rules. */
  private static final Path COMMENTED_SET =
      Path.of("target/test-descriptors-openapi/openapi.binpb");
  private static final String WORKER = LoadThreads.THREAD_NAME;

  static Stream<List<DescriptorSource>> loads() throws Exception {
    DescriptorSource test = DescriptorSource.path(TEST_SET);
    DescriptorSource commented = DescriptorSource.path(COMMENTED_SET);
    // The files of the commented set in reverse order, and a set of many small files with
    // imports across it, repeats and a conflicting copy (a problem naming both sets).
    List<FileDescriptorProto> files = new ArrayList<>(
        FileDescriptorSet.parseFrom(Files.readAllBytes(COMMENTED_SET)).getFileList());
    Collections.reverse(files);
    List<FileDescriptorProto> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(file("dep/f" + i + ".proto", "M" + i, i == 0 ? null : "dep.M" + (i - 1),
          i == 0 ? new String[0] : new String[] {"dep/f" + (i - 1) + ".proto"}));
    }
    many.add(many.get(7));
    many.add(file("dep/f9.proto", "Other", null));
    // What the linker reports: a cycle, an import in no set, a file that cannot be built, and
    // the files importing those.
    many.add(file("dep/c1.proto", "C1", null, "dep/c2.proto"));
    many.add(file("dep/c2.proto", "C2", null, "dep/c1.proto"));
    many.add(file("dep/missing.proto", "Missing", null, "dep/nowhere.proto"));
    many.add(file("dep/after-missing.proto", "AfterMissing", null, "dep/missing.proto"));
    many.add(file("dep/bad.proto", "Bad", "dep.Nope"));
    many.add(file("dep/after-bad.proto", "AfterBad", "dep.Bad", "dep/bad.proto"));
    many.add(file("dep/after-c1.proto", "AfterC1", "dep.C1", "dep/c1.proto", "dep/f3.proto"));
    return Stream.of(
        List.of(test),
        List.of(commented),
        List.of(test, commented),
        List.of(commented, test),
        List.of(DescriptorSource.bytes("reversed", setOf(files)), test),
        List.of(DescriptorSource.bytes("many", setOf(many)), commented));
  }

  private static byte[] setOf(List<FileDescriptorProto> files) {
    return FileDescriptorSet.newBuilder().addAllFile(files).build().toByteArray();
  }

  @ParameterizedTest
  @MethodSource("loads")
  void loadsTheSameOnAnyNumberOfThreads(List<DescriptorSource> sources) {
    LoadedDescriptors one = load(sources, 1);
    for (int threads : new int[] {2, 3, 8}) {
      assertSameLoad(load(sources, threads), one);
    }
  }

  @Test
  void reportsTheLinkersProblemsInTheSameOrder() throws Exception {
    List<DescriptorSource> sources = loads().reduce((a, b) -> b).orElseThrow();

    assertThat(load(sources, 4).problems()).isEqualTo(load(sources, 1).problems())
        .hasSizeGreaterThan(6);
  }

  /** The googleapis corpus, when {@code -Dgangway.corpus=PATH} names its set (a minute or two). */
  @Test
  @EnabledIfSystemProperty(named = "gangway.corpus", matches = ".+")
  void loadsTheCorpusTheSameOnAnyNumberOfThreads() {
    List<DescriptorSource> sources =
        List.of(DescriptorSource.path(Path.of(System.getProperty("gangway.corpus"))));
    LoadedDescriptors one = load(sources, 1);
    Transcoder oneTranscoder = Transcoder.build(one, TranscoderOptions.DEFAULT);
    LoadedDescriptors four = load(sources, 4);
    Transcoder fourTranscoder = Transcoder.build(four, TranscoderOptions.DEFAULT);

    assertSameLoad(four, one);
    assertThat(routes(fourTranscoder)).isEqualTo(routes(oneTranscoder));
    assertThat(fourTranscoder.conflicts()).isEqualTo(oneTranscoder.conflicts());
    assertThat(fourTranscoder.problems()).isEqualTo(oneTranscoder.problems());
  }

  @ParameterizedTest
  @MethodSource("loads")
  void buildsTheSameRoutesOnAnyNumberOfThreads(List<DescriptorSource> sources) {
    Transcoder one = Transcoder.build(load(sources, 1), TranscoderOptions.DEFAULT);
    Transcoder many = Transcoder.build(load(sources, 4), TranscoderOptions.DEFAULT);

    assertThat(routes(many)).isEqualTo(routes(one)).isNotEmpty();
    assertThat(many.conflicts()).isEqualTo(one.conflicts());
    assertThat(many.problems()).isEqualTo(one.problems());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void aSetWithABadFileInTheMiddleIsNotASet(int threads) {
    ByteArrayOutputStream set = new ByteArrayOutputStream();
    List<FileDescriptorProto> files = testFiles();
    for (int i = 0; i < files.size(); i++) {
      if (i == files.size() / 2) {
        set.writeBytes(new byte[] {0x0a, 0x02, (byte) 0xff, (byte) 0xff}); // a file, truncated
      }
      set.writeBytes(FileDescriptorSet.newBuilder().addFile(files.get(i)).build().toByteArray());
    }

    LoadedDescriptors loaded = load(
        List.of(DescriptorSource.bytes("bad", set.toByteArray()), DescriptorSource.path(TEST_SET)),
        threads);

    assertThat(loaded.problems())
        .containsExactly(new LoadProblem("bad", DescriptorSetParser.NOT_A_SET));
    assertSameLoad(loaded, load(List.of(DescriptorSource.path(TEST_SET)), 1), false);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void aFileWithoutANameMakesTheSetNotASet(int threads) {
    List<FileDescriptorProto> files = new ArrayList<>(testFiles());
    files.add(files.size() / 2, files.get(0).toBuilder().clearName().build());

    LoadedDescriptors loaded = load(List.of(DescriptorSource.bytes("nameless", setOf(files))),
        threads);

    assertThat(loaded.problems())
        .containsExactly(new LoadProblem("nameless", DescriptorSetParser.NOT_A_SET));
    assertThat(loaded.files()).isEmpty();
  }

  @Test
  void outOfMemoryOnAWorkerFailsThatLoadOnlyAndEndsItsThreads() throws Exception {
    OutOfMemoryError injected = new OutOfMemoryError("Java heap space (injected)");
    assertThatThrownBy(() -> load(List.of(DescriptorSource.path(COMMENTED_SET)), 2,
        failOnWorker(injected))).isSameAs(injected);

    awaitNoWorkers();
    assertSameLoad(load(List.of(DescriptorSource.path(COMMENTED_SET)), 2),
        load(List.of(DescriptorSource.path(COMMENTED_SET)), 1));
  }

  @Test
  void outOfMemoryWhileBuildingAFileFailsThatLoadOnly() throws Exception {
    OutOfMemoryError injected = new OutOfMemoryError("Java heap space (injected)");
    List<DescriptorSource> sources = List.of(DescriptorSource.path(COMMENTED_SET));
    String file = load(sources, 1).files().get(0).getName();

    assertThatThrownBy(() -> load(sources, 2, task -> {
      if (task.equals("build " + file)) {
        throw injected;
      }
    })).isSameAs(injected);

    awaitNoWorkers();
    assertSameLoad(load(sources, 2), load(sources, 1));
  }

  @Test
  void anyThrowableOnAWorkerIsRethrownAsItIs() throws Exception {
    for (Throwable injected : List.of(new StackOverflowError(), new IllegalStateException("bug"),
        new AssertionError("odd"))) {
      assertThatThrownBy(() -> load(List.of(DescriptorSource.path(TEST_SET)), 3,
          failOnWorker(injected))).isSameAs(injected);
    }
    awaitNoWorkers();
  }

  @Test
  void aThrowableOnTheLoadingThreadWaitsForTheWorkersToStop() throws Exception {
    OutOfMemoryError injected = new OutOfMemoryError("Java heap space (injected)");
    // Workers wait for the loading thread to throw, so that it has a file to throw on.
    CountDownLatch thrown = new CountDownLatch(1);
    assertThatThrownBy(() -> load(List.of(DescriptorSource.path(TEST_SET)), 4, task -> {
      if (!Thread.currentThread().getName().startsWith(WORKER)) {
        thrown.countDown();
        throw injected;
      }
      await(thrown);
    })).isSameAs(injected);
    awaitNoWorkers();
  }

  /**
   * Throws {@code failure} on the first file a worker (not the loading thread) takes; the loading
   * thread waits for that, so the failure is a worker's whatever the scheduling.
   */
  private static LoadThreads.BeforeTask failOnWorker(Throwable failure) {
    CountDownLatch thrown = new CountDownLatch(1);
    return task -> {
      if (Thread.currentThread().getName().startsWith(WORKER)) {
        thrown.countDown();
        sneakyThrow(failure);
      }
      await(thrown);
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  /** The load's threads end once it has ended (shutdown is asynchronous; bounded wait). */
  private static void awaitNoWorkers() throws InterruptedException {
    for (int i = 0; i < 300 && workersAlive(); i++) {
      Thread.sleep(10);
    }
    assertThat(workersAlive()).as("descriptor parser threads still alive").isFalse();
  }

  private static boolean workersAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith(WORKER) && t.isAlive());
  }

  private static LoadedDescriptors load(List<DescriptorSource> sources, int threads) {
    return load(sources, threads, LoadThreads.BeforeTask.NONE);
  }

  private static LoadedDescriptors load(
      List<DescriptorSource> sources, int threads, LoadThreads.BeforeTask beforeParse) {
    return DescriptorLoader.load(sources, threads, beforeParse);
  }

  private static List<String> routes(Transcoder transcoder) {
    return transcoder.routes().stream().map(MethodRoute::describe).sorted().toList();
  }

  private static void assertSameLoad(LoadedDescriptors actual, LoadedDescriptors expected) {
    assertSameLoad(actual, expected, true);
  }

  private static void assertSameLoad(
      LoadedDescriptors actual, LoadedDescriptors expected, boolean sameProblems) {
    assertThat(protos(actual)).isEqualTo(protos(expected)).isNotEmpty();
    assertThat(actual.services().stream().map(ServiceDescriptor::getFullName).toList())
        .isEqualTo(expected.services().stream().map(ServiceDescriptor::getFullName).toList());
    if (sameProblems) {
      assertThat(actual.problems()).isEqualTo(expected.problems());
      assertThat(actual.sources()).isEqualTo(expected.sources());
    }
    assertThat(comments(actual)).isEqualTo(comments(expected));
    assertThat(actual.comments().files()).isEqualTo(expected.comments().files());
    assertThat(actual.comments().elements()).isEqualTo(expected.comments().elements());
    assertThat(actual.comments().bytes()).isEqualTo(expected.comments().bytes());
  }

  private static List<ByteString> protos(LoadedDescriptors loaded) {
    return loaded.files().stream().map(f -> f.toProto().toByteString()).toList();
  }

  /** Every element's full name and comment, in file order. */
  private static List<String> comments(LoadedDescriptors loaded) {
    List<String> all = new ArrayList<>();
    for (FileDescriptor file : loaded.files()) {
      List<GenericDescriptor> elements = new ArrayList<>();
      file.getMessageTypes().forEach(m -> message(m, elements));
      file.getEnumTypes().forEach(e -> enumType(e, elements));
      for (ServiceDescriptor service : file.getServices()) {
        elements.add(service);
        elements.addAll(service.getMethods());
      }
      for (GenericDescriptor element : elements) {
        loaded.comments().of(element).ifPresent(c -> all.add(element.getFullName() + ": " + c));
      }
    }
    return all;
  }

  private static void message(Descriptor message, List<GenericDescriptor> into) {
    into.add(message);
    into.addAll(message.getFields());
    into.addAll(message.getOneofs());
    message.getNestedTypes().forEach(m -> message(m, into));
    message.getEnumTypes().forEach(e -> enumType(e, into));
  }

  private static void enumType(EnumDescriptor type, List<GenericDescriptor> into) {
    into.add(type);
    into.addAll(type.getValues());
  }
}
