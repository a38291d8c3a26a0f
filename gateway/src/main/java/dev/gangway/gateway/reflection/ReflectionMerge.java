package dev.gangway.gateway.reflection;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ServicePatterns;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import dev.gangway.transcoder.evolution.DescriptorDrift;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the descriptors the reflecting backends serve with the dropped-in files. Precedence:
 * <b>the files win</b>. A backend contributes the services it lists and its patterns send to it
 * (its own services); its other services are cut from its files, which then give only types.
 * The files kept are those declaring an own service that no dropped-in file declares, plus their
 * imports; of those, a file whose name a dropped-in file has is left out (imports resolve to the
 * dropped-in copy). So a backend's own descriptors add the services the files lack and never
 * replace what an operator dropped in. Where both describe a service, the backend's copy is
 * compared with the files' ({@link DescriptorDrift}).
 *
 * <p>Deterministic: backends in name order, their files in name order, after the dropped-in
 * files; the same inputs give the same descriptors. Stateless setup code, run when a snapshot
 * is built (or by {@code gangway validate --reflect}).
 *
 * @param loaded the descriptors to serve
 * @param drift by backend name, how the files differ from what it serves, for the services its
 *     patterns give it (present only for backends with a successful fetch and declared services)
 */
public record ReflectionMerge(LoadedDescriptors loaded, Map<String, DescriptorDrift> drift) {
  /** How a backend's merged descriptors are named in the sources and in problems. */
  public static final String SOURCE_PREFIX = "reflection:";

  public ReflectionMerge {
    drift = java.util.Collections.unmodifiableMap(new TreeMap<>(drift));
  }

  /**
   * Loads {@code config}'s descriptor paths and merges what {@code reflected} holds for the
   * backends of {@code config} whose reflection is enabled.
   */
  public static ReflectionMerge load(GatewayConfig config,
      Map<String, ReflectedDescriptors.Source> reflected) {
    List<BackendConfig> reflecting = ReflectedDescriptors.reflecting(config.backends());
    List<DescriptorSource> sources = new ArrayList<>();
    for (Path path : config.descriptors().paths()) {
      // With backends that describe themselves, an empty descriptors/ is a setup, not a mistake.
      if (reflecting.isEmpty() || !DescriptorSource.isEmptyDirectory(path)) {
        sources.add(DescriptorSource.path(path));
      }
    }
    if (reflecting.isEmpty()) {
      return new ReflectionMerge(DescriptorLoader.load(sources), Map.of());
    }
    LoadedDescriptors dropped = DescriptorLoader.load(sources);
    Set<String> droppedFiles = new HashSet<>();
    dropped.files().forEach(f -> droppedFiles.add(f.getName()));
    Set<String> declared = new HashSet<>();
    dropped.services().forEach(s -> declared.add(s.getFullName()));
    ServicePatterns patterns = ServicePatterns.of(config.backends());
    Map<String, DescriptorDrift> drift = new TreeMap<>();
    Map<String, BackendConfig> byName = new TreeMap<>();
    reflecting.forEach(b -> byName.put(b.name(), b));
    // First what each backend contributes, then the files: a file two backends send (one proto,
    // services on two backends) is taken once, from the first by name, with both their services.
    Map<String, List<FileDescriptorProto>> wantedBy = new TreeMap<>();
    Set<String> allOwn = new HashSet<>();
    for (BackendConfig backend : byName.values()) {
      Optional<ReflectionClient.Fetched> fetched = Optional
          .ofNullable(reflected.get(backend.name())).flatMap(ReflectedDescriptors.Source::fetched);
      if (fetched.isEmpty()) {
        continue;
      }
      Set<String> own = new HashSet<>();
      fetched.get().services().stream().filter(name -> sentTo(patterns, name, backend))
          .forEach(own::add);
      allOwn.addAll(own);
      wantedBy.put(backend.name(), wanted(fetched.get().files(), own, droppedFiles, declared));
      List<ServiceDescriptor> mine = dropped.services().stream()
          .filter(s -> sentTo(patterns, s.getFullName(), backend))
          .toList();
      if (!mine.isEmpty()) {
        drift.put(backend.name(), DescriptorDrift.between(mine, served(fetched.get())));
      }
    }
    Set<String> taken = new HashSet<>();
    wantedBy.forEach((backend, files) -> {
      FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
      for (FileDescriptorProto file : files) {
        if (taken.add(file.getName())) {
          set.addFile(onlyOwnServices(file, allOwn));
        }
      }
      if (set.getFileCount() > 0) {
        sources.add(DescriptorSource.bytes(SOURCE_PREFIX + backend, set.build().toByteArray()));
      }
    });
    return new ReflectionMerge(DescriptorLoader.load(sources), drift);
  }

  /**
   * What a backend serves: the services it lists (its files may declare more), loaded on their
   * own, for the drift, not for serving.
   */
  private static List<ServiceDescriptor> served(ReflectionClient.Fetched fetched) {
    FileDescriptorSet set = FileDescriptorSet.newBuilder().addAllFile(fetched.files()).build();
    LoadedDescriptors alone = DescriptorLoader.load(
        List.of(DescriptorSource.bytes("reflection", set.toByteArray())));
    Set<String> listed = Set.copyOf(fetched.services());
    List<ServiceDescriptor> services = new ArrayList<>();
    for (FileDescriptor file : alone.files()) {
      file.getServices().stream().filter(s -> listed.contains(s.getFullName()))
          .forEach(services::add);
    }
    return services;
  }

  /**
   * The files of one backend's fetch to take: those declaring an own service no dropped-in file
   * declares, and their imports, less the names the dropped-in files have; in name order.
   */
  private static List<FileDescriptorProto> wanted(List<FileDescriptorProto> files,
      Set<String> own, Set<String> droppedFiles, Set<String> declared) {
    Map<String, FileDescriptorProto> byName = new HashMap<>();
    files.forEach(f -> byName.put(f.getName(), f));
    Set<String> wanted = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (FileDescriptorProto file : files) {
      if (declaresOwnService(file, own, declared)) {
        todo.add(file.getName());
      }
    }
    while (!todo.isEmpty()) {
      String name = todo.poll();
      FileDescriptorProto file = byName.get(name);
      if (droppedFiles.contains(name) || file == null || !wanted.add(name)) {
        continue;
      }
      todo.addAll(file.getDependencyList());
    }
    // files is sorted by name: the result is too.
    return files.stream().filter(f -> wanted.contains(f.getName())).toList();
  }

  /** {@code file} without the services that are not {@code own}: those come from elsewhere. */
  private static FileDescriptorProto onlyOwnServices(FileDescriptorProto file, Set<String> own) {
    String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    List<ServiceDescriptorProto> kept = file.getServiceList().stream()
        .filter(s -> own.contains(prefix + s.getName())).toList();
    if (kept.size() == file.getServiceCount()) {
      return file;
    }
    return file.toBuilder().clearService().addAllService(kept).build();
  }

  /**
   * Whether {@code file} declares an {@code own} service and none that the dropped-in files
   * declare (those win, with the rest of their file).
   */
  private static boolean declaresOwnService(FileDescriptorProto file, Set<String> own,
      Set<String> declared) {
    String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    boolean found = false;
    for (ServiceDescriptorProto service : file.getServiceList()) {
      String name = prefix + service.getName();
      if (declared.contains(name)) {
        return false;
      }
      found |= own.contains(name);
    }
    return found;
  }

  private static boolean sentTo(ServicePatterns patterns, String service, BackendConfig backend) {
    return patterns.backendFor(service).map(BackendConfig::name)
        .filter(backend.name()::equals).isPresent();
  }
}
