package dev.gangway.transcoder.descriptor;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link FileDescriptor}s from the collected files, each after its imports (depth first), so
 * sets may come in any order and files may import across sets.
 *
 * <p>A file that cannot be built is reported and left out, and so is every file that imports it,
 * each with its own problem. Not thread-safe; confine to one load.
 */
final class DescriptorLinker {
  private final Map<String, FileCandidate> candidates;
  private final Map<String, FileBuild> prebuilt;
  private final List<LoadProblem> problems;
  private final Map<String, FileDescriptor> linked = new HashMap<>();
  private final Set<String> failed = new HashSet<>();

  /** The files being built, outermost first: an import of one of them closes a cycle. */
  private final LinkedHashSet<String> inProgress = new LinkedHashSet<>();

  DescriptorLinker(Map<String, FileCandidate> candidates, List<LoadProblem> problems) {
    this(candidates, Map.of(), problems);
  }

  /**
   * A linker that takes the outcome of building a file from {@code prebuilt} where it is there
   * ({@link FileBuilds}, made from the same files and imports), and builds the others itself.
   */
  DescriptorLinker(Map<String, FileCandidate> candidates, Map<String, FileBuild> prebuilt,
      List<LoadProblem> problems) {
    this.candidates = candidates;
    this.prebuilt = prebuilt;
    this.problems = problems;
  }

  /** Every file that could be built, by name; the problems of the others are reported. */
  Map<String, FileDescriptor> linkAll() {
    for (FileCandidate candidate : candidates.values()) {
      if (!isDone(candidate.name())) {
        link(candidate);
      }
    }
    return Map.copyOf(linked);
  }

  private boolean isDone(String name) {
    return linked.containsKey(name) || failed.contains(name);
  }

  private void link(FileCandidate file) {
    inProgress.add(file.name());
    try {
      Optional<FileDescriptor[]> dependencies = dependencies(file);
      if (dependencies.isPresent()) {
        build(file, dependencies.get());
      } else {
        failed.add(file.name());
      }
    } finally {
      inProgress.remove(file.name());
    }
  }

  private void build(FileCandidate file, FileDescriptor[] dependencies) {
    FileBuild outcome = prebuilt.get(file.name());
    if (outcome == null) {
      outcome = FileBuild.of(file, dependencies);
    }
    if (outcome.file() == null) {
      fail(file, outcome.problem());
    } else {
      linked.put(file.name(), outcome.file());
    }
  }

  /** The imports in declaration order (as buildFrom requires), or empty if one is unavailable. */
  private Optional<FileDescriptor[]> dependencies(FileCandidate file) {
    FileDescriptorProto proto = file.proto();
    List<FileDescriptor> resolved = new ArrayList<>(proto.getDependencyCount());
    for (String dependency : proto.getDependencyList()) {
      Optional<FileDescriptor> found = dependency(file, dependency);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      resolved.add(found.get());
    }
    return Optional.of(resolved.toArray(new FileDescriptor[0]));
  }

  private Optional<FileDescriptor> dependency(FileCandidate file, String name) {
    Optional<FileDescriptor> builtin = BuiltinFiles.find(name);
    if (builtin.isPresent()) {
      return builtin;
    }
    FileCandidate target = candidates.get(name);
    if (target == null) {
      report(
          file,
          file.name()
              + " imports "
              + name
              + ", which is in none of the loaded descriptor sets"
              + " (build them with --include_imports, or add the set that has it)");
      return Optional.empty();
    }
    if (inProgress.contains(name)) {
      report(file, file.name() + " is part of an import cycle: " + cycle(name, file.name()));
      return Optional.empty();
    }
    if (!isDone(name)) {
      link(target);
    }
    FileDescriptor built = linked.get(name);
    if (built == null) {
      report(file, file.name() + " imports " + name + ", which failed to load");
    }
    return Optional.ofNullable(built);
  }

  /** The chain from {@code start} to {@code last} and back to {@code start}, e.g. a -> b -> a. */
  private String cycle(String start, String last) {
    List<String> chain = new ArrayList<>();
    boolean inCycle = false;
    for (String name : inProgress) {
      inCycle |= name.equals(start);
      if (inCycle) {
        chain.add(name);
      }
    }
    if (!chain.contains(last)) {
      chain.add(last);
    }
    chain.add(start);
    return String.join(" -> ", chain);
  }

  private void fail(FileCandidate file, String message) {
    failed.add(file.name());
    report(file, message);
  }

  private void report(FileCandidate file, String message) {
    problems.add(new LoadProblem(file.origin(), message));
  }
}
