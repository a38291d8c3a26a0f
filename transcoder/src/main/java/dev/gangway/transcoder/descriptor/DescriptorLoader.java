package dev.gangway.transcoder.descriptor;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads binary {@code FileDescriptorSet}s into one immutable {@link LoadedDescriptors}.
 *
 * <p>Imports resolve across every set of one load, in any order; the well-known types, google/api
 * and google/rpc files are built in, so sets made without {@code --include_imports} load too. Bad
 * input never throws: each problem becomes a {@link LoadProblem} naming the file, and whatever
 * loaded is kept. Stateless and thread-safe; loading runs on the caller's thread, off the request
 * path, which parses and builds the files together with up to three threads of the load's own
 * ({@link #defaultThreads()}), ended when the load ends. The result does not depend on them: the
 * same sets give the same files, problems and comments in the same order.
 *
 * <pre>{@code
 * LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(dir)));
 * loaded.problems().forEach(p -> log.warn("{}", p));
 * }</pre>
 */
public final class DescriptorLoader {
  private DescriptorLoader() {}

  public static LoadedDescriptors load(List<DescriptorSource> sources) {
    return load(sources, defaultThreads(), LoadThreads.BeforeTask.NONE);
  }

  /**
   * The threads that parse and build a load's files: the cores the JVM may use (a container's CPU
   * limit included), at most four; past that, the parts that stay on one thread dominate.
   */
  static int defaultThreads() {
    return Math.min(4, Runtime.getRuntime().availableProcessors());
  }

  /** {@link #load(List)} on {@code threads} threads, calling {@code beforeTask} per task. */
  static LoadedDescriptors load(
      List<DescriptorSource> sources, int threads, LoadThreads.BeforeTask beforeTask) {
    Objects.requireNonNull(sources, "sources");
    List<LoadProblem> problems = new ArrayList<>();
    List<String> read = new ArrayList<>();
    FileCollector collector = new FileCollector(problems);
    CommentCollector comments = new CommentCollector();
    Map<String, FileDescriptor> linked;
    try (LoadThreads pool = new LoadThreads(threads, beforeTask)) {
      ParsingWorkers parsers = new ParsingWorkers(pool, new ValuePool());
      for (DescriptorSource source : sources) {
        Objects.requireNonNull(source, "source");
        for (RawSet raw : SourceReader.read(source, problems)) {
          parse(raw, parsers, problems).ifPresent(files -> {
            read.add(raw.origin());
            for (ParsedFile file : files) {
              collector.add(raw.origin(), file.proto());
              file.comments().ifPresent(comments::add);
            }
          });
        }
      }
      Map<String, FileBuild> prebuilt = threads == 1
          ? Map.of() : FileBuilds.buildAll(collector.candidates(), pool);
      linked = new DescriptorLinker(collector.candidates(), prebuilt, problems).linkAll();
    }
    Map<String, FileCandidate> candidates = collector.candidates();
    List<FileDescriptor> files = new ArrayList<>(linked.values());
    files.sort(Comparator.comparing(FileDescriptor::getName));
    TypeRegistry types =
        TypeRegistryBuilder.build(files, name -> candidates.get(name).origin(), problems);
    return new LoadedDescriptors(
        files, services(files), read, problems, types,
        comments.build(name -> linked.containsKey(name)
            ? linked.get(name) : BuiltinFiles.find(name).orElse(null)));
  }

  /** The files of one set, or empty (and a problem) if it is not a set. */
  private static Optional<List<ParsedFile>> parse(
      RawSet raw, ParsingWorkers parsers, List<LoadProblem> problems) {
    Optional<List<ByteString>> files = DescriptorSetParser.files(raw, problems);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parsers.parseAll(files.get()));
    } catch (IOException e) {
      problems.add(new LoadProblem(raw.origin(), DescriptorSetParser.NOT_A_SET));
      return Optional.empty();
    }
  }

  private static List<ServiceDescriptor> services(List<FileDescriptor> files) {
    List<ServiceDescriptor> services = new ArrayList<>();
    for (FileDescriptor file : files) {
      services.addAll(file.getServices());
    }
    return services;
  }
}
