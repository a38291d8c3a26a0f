package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the collected files ahead of the {@link DescriptorLinker}, on the load's
 * {@link LoadThreads}: each file as soon as its imports are built, so the files of one level of
 * the import graph are built side by side. Building was a sixth of the googleapis corpus's load.
 *
 * <p>Only the outcomes are made here ({@link FileBuild}, a function of a file and its imports);
 * the linker still walks the files in its order and takes each file's outcome instead of building
 * it, so its problems and their order are the ones it reports on one thread. A file whose imports
 * are missing, failed or form a cycle is not built here; the linker reports why.
 *
 * <p>Not thread-safe; one per load, used by the loading thread, which waits while the load's
 * threads build. A failure on any of them stops the rest and is rethrown on the loading thread once
 * none runs ({@link LoadThreads}).
 */
final class FileBuilds {
  private final Map<String, FileCandidate> candidates;
  private final LoadThreads threads;
  private final Map<String, FileBuild> built = new ConcurrentHashMap<>();
  /** Per file: the candidates importing it (once per import). */
  private final Map<String, List<String>> dependents = new HashMap<>();
  /** Per file: how many of its imports are still to be built. */
  private final Map<String, AtomicInteger> waiting = new HashMap<>();

  private final AtomicInteger running = new AtomicInteger();
  private final CompletableFuture<Void> idle = new CompletableFuture<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private FileBuilds(Map<String, FileCandidate> candidates, LoadThreads threads) {
    this.candidates = candidates;
    this.threads = threads;
  }

  /** The outcome of every file that could be built now, by name. */
  static Map<String, FileBuild> buildAll(
      Map<String, FileCandidate> candidates, LoadThreads threads) {
    return new FileBuilds(candidates, threads).run();
  }

  private Map<String, FileBuild> run() {
    List<String> ready = new ArrayList<>();
    for (FileCandidate file : candidates.values()) {
      Optional<List<String>> imports = importedCandidates(file);
      if (imports.isEmpty()) {
        continue; // an import is in no set: never buildable
      }
      for (String name : imports.get()) {
        dependents.computeIfAbsent(name, n -> new ArrayList<>()).add(file.name());
      }
      waiting.put(file.name(), new AtomicInteger(imports.get().size()));
      if (imports.get().isEmpty()) {
        ready.add(file.name());
      }
    }
    running.incrementAndGet(); // until every first task is submitted
    try {
      ready.forEach(this::submit);
    } finally {
      finished();
    }
    idle.join();
    Throwable thrown = failure.get();
    if (thrown instanceof Error error) {
      throw error;
    }
    if (thrown != null) {
      throw (RuntimeException) thrown; // build throws nothing checked
    }
    return built;
  }

  /** The imports that are candidates, not built in; empty if one is neither. */
  private Optional<List<String>> importedCandidates(FileCandidate file) {
    List<String> imports = new ArrayList<>();
    for (String name : file.proto().getDependencyList()) {
      if (BuiltinFiles.find(name).isPresent()) {
        continue;
      }
      if (!candidates.containsKey(name)) {
        return Optional.empty();
      }
      imports.add(name);
    }
    return Optional.of(imports);
  }

  private void submit(String name) {
    if (stop.get()) {
      return;
    }
    running.incrementAndGet();
    try {
      threads.executor().execute(() -> build(name));
    } catch (Throwable t) {
      fail(t);
      finished();
    }
  }

  private void build(String name) {
    try {
      if (stop.get()) {
        return;
      }
      threads.beforeTask().run("build " + name);
      FileCandidate file = candidates.get(name);
      FileBuild outcome = FileBuild.of(file, dependencies(file));
      built.put(name, outcome);
      if (outcome.file() != null) {
        for (String dependent : dependents.getOrDefault(name, List.of())) {
          if (waiting.get(dependent).decrementAndGet() == 0) {
            submit(dependent);
          }
        }
      }
    } catch (Throwable t) {
      fail(t);
    } finally {
      finished();
    }
  }

  /** The imports in declaration order, as the linker passes them: all built by now. */
  private FileDescriptor[] dependencies(FileCandidate file) {
    List<String> names = file.proto().getDependencyList();
    FileDescriptor[] dependencies = new FileDescriptor[names.size()];
    for (int i = 0; i < dependencies.length; i++) {
      String name = names.get(i);
      Optional<FileDescriptor> builtin = BuiltinFiles.find(name);
      dependencies[i] = builtin.isPresent() ? builtin.get() : built.get(name).file();
    }
    return dependencies;
  }

  private void fail(Throwable t) {
    stop.set(true);
    failure.accumulateAndGet(t, LoadThreads::worse);
  }

  private void finished() {
    if (running.decrementAndGet() == 0) {
      idle.complete(null);
    }
  }
}
