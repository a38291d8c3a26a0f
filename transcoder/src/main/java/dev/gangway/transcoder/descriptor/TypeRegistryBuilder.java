package dev.gangway.transcoder.descriptor;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TypeRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the {@link TypeRegistry} of one load: every message of the built-in and loaded files.
 *
 * <p>Unrelated files may define the same message name (protoc would refuse, but separate sets
 * cannot know of each other); {@code Any} resolves by name, so the second definition is reported
 * and the first kept. Stateless and thread-safe.
 */
final class TypeRegistryBuilder {
  private TypeRegistryBuilder() {}

  /**
   * The registry of the built-ins and {@code files}, reporting repeated message names.
   *
   * @param files the loaded files, sorted by name
   * @param originOf the file path or source name a loaded file came from
   * @param problems where repeated message names are reported
   */
  static TypeRegistry build(
      List<FileDescriptor> files, Function<String, String> originOf, List<LoadProblem> problems) {
    List<FileDescriptor> roots = new ArrayList<>(BuiltinFiles.all());
    roots.addAll(files);
    List<FileDescriptor> order = registryOrder(roots);
    Map<String, Descriptor> seen = new HashMap<>();
    for (FileDescriptor file : order) {
      reportDuplicates(file.getMessageTypes(), seen, originOf, problems);
    }
    TypeRegistry.Builder registry = TypeRegistry.newBuilder();
    for (FileDescriptor file : order) {
      // Same order as above, so the registry keeps the definition reportDuplicates kept.
      file.getMessageTypes().forEach(registry::add);
    }
    return registry.build();
  }

  /**
   * The order in which TypeRegistry takes in files when given {@code roots}: depth first, imports
   * before importers, each file once.
   */
  private static List<FileDescriptor> registryOrder(List<FileDescriptor> roots) {
    Set<String> visited = new HashSet<>();
    List<FileDescriptor> order = new ArrayList<>();
    for (FileDescriptor root : roots) {
      visit(root, visited, order);
    }
    return order;
  }

  private static void visit(FileDescriptor file, Set<String> visited, List<FileDescriptor> order) {
    if (!visited.add(file.getName())) {
      return;
    }
    for (FileDescriptor dependency : file.getDependencies()) {
      visit(dependency, visited, order);
    }
    order.add(file);
  }

  private static void reportDuplicates(
      List<Descriptor> messages,
      Map<String, Descriptor> seen,
      Function<String, String> originOf,
      List<LoadProblem> problems) {
    for (Descriptor message : messages) {
      reportDuplicates(message.getNestedTypes(), seen, originOf, problems);
      Descriptor first = seen.putIfAbsent(message.getFullName(), message);
      if (first != null) {
        String firstFile = first.getFile().getName();
        problems.add(
            new LoadProblem(
                originOf.apply(message.getFile().getName()),
                "message "
                    + message.getFullName()
                    + " of "
                    + message.getFile().getName()
                    + " is also defined in "
                    + firstFile
                    + "; using the one from "
                    + firstFile));
      }
    }
  }
}
