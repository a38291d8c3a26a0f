package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads binary {@code FileDescriptorSet}s into one immutable {@link LoadedDescriptors}.
 *
 * <p>Imports resolve across every set of one load, in any order; the well-known types, google/api
 * and google/rpc files are built in, so sets made without {@code --include_imports} load too. Bad
 * input never throws: each problem becomes a {@link LoadProblem} naming the file, and whatever
 * loaded is kept. Stateless and thread-safe; loading runs on the caller's thread, off the request
 * path.
 *
 * <pre>{@code
 * LoadedDescriptors loaded = DescriptorLoader.load(List.of(DescriptorSource.path(dir)));
 * loaded.problems().forEach(p -> log.warn("{}", p));
 * }</pre>
 */
public final class DescriptorLoader {
  private DescriptorLoader() {}

  public static LoadedDescriptors load(List<DescriptorSource> sources) {
    Objects.requireNonNull(sources, "sources");
    List<LoadProblem> problems = new ArrayList<>();
    List<String> read = new ArrayList<>();
    FileCollector collector = new FileCollector(problems);
    CommentCollector comments = new CommentCollector();
    ValuePool shared = new ValuePool();
    for (DescriptorSource source : sources) {
      Objects.requireNonNull(source, "source");
      for (RawSet raw : SourceReader.read(source, problems)) {
        DescriptorSetParser.parse(raw, problems, comments, shared)
            .ifPresent(
                files -> {
                  read.add(raw.origin());
                  collector.addAll(raw.origin(), files);
                });
      }
    }
    Map<String, FileCandidate> candidates = collector.candidates();
    Map<String, FileDescriptor> linked = new DescriptorLinker(candidates, problems).linkAll();
    List<FileDescriptor> files = new ArrayList<>(linked.values());
    files.sort(Comparator.comparing(FileDescriptor::getName));
    TypeRegistry types =
        TypeRegistryBuilder.build(files, name -> candidates.get(name).origin(), problems);
    return new LoadedDescriptors(
        files, services(files), read, problems, types,
        comments.build(name -> linked.containsKey(name)
            ? linked.get(name) : BuiltinFiles.find(name).orElse(null)));
  }

  private static List<ServiceDescriptor> services(List<FileDescriptor> files) {
    List<ServiceDescriptor> services = new ArrayList<>();
    for (FileDescriptor file : files) {
      services.addAll(file.getServices());
    }
    return services;
  }
}
