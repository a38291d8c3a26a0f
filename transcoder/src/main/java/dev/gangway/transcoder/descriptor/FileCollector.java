package dev.gangway.transcoder.descriptor;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the files of every set of one load by name, dropping built-ins and repeated copies.
 *
 * <p>Not thread-safe; confine to one load.
 */
final class FileCollector {
  private final Map<String, FileCandidate> byName = new LinkedHashMap<>();
  private final List<LoadProblem> problems;

  FileCollector(List<LoadProblem> problems) {
    this.problems = problems;
  }

  /** The files kept, in the order they were first seen. */
  Map<String, FileCandidate> candidates() {
    return Collections.unmodifiableMap(byName);
  }

  /** Keeps {@code file} unless it is built in or a copy of it came first. */
  void add(String origin, FileDescriptorProto file) {
    if (BuiltinFiles.contains(file.getName())) {
      return;
    }
    FileCandidate candidate = new FileCandidate(file, origin);
    FileCandidate first = byName.putIfAbsent(file.getName(), candidate);
    if (first != null && !first.sameDefinition(candidate)) {
      problems.add(
          new LoadProblem(
              origin,
              file.getName()
                  + " is defined differently in "
                  + first.origin()
                  + " and "
                  + origin
                  + "; using the one from "
                  + first.origin()));
    }
  }
}
