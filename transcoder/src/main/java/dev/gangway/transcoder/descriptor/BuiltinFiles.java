package dev.gangway.transcoder.descriptor;

import com.google.api.AnnotationsProto;
import com.google.api.ClientProto;
import com.google.api.FieldBehaviorProto;
import com.google.api.HttpBodyProto;
import com.google.api.HttpProto;
import com.google.api.LaunchStageProto;
import com.google.api.ResourceProto;
import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import com.google.rpc.CodeProto;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.StatusProto;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files every load has without reading them: the well-known types, google/api and google/rpc,
 * taken from the generated Java classes on the classpath.
 *
 * <p>A set's own copy of one of these names is ignored: protoc versions write slightly different
 * bytes for them, and the generated classes are what the JSON codec and {@code AnnotationsProto}
 * extensions are tied to, so only one definition may exist. Immutable and thread-safe.
 */
final class BuiltinFiles {
  private static final Map<String, FileDescriptor> BY_NAME = collect();

  private BuiltinFiles() {}

  static Optional<FileDescriptor> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  static boolean contains(String name) {
    return BY_NAME.containsKey(name);
  }

  /** Every built-in file, sorted by name. */
  static Collection<FileDescriptor> all() {
    return BY_NAME.values();
  }

  private static Map<String, FileDescriptor> collect() {
    List<FileDescriptor> roots =
        List.of(
            AnyProto.getDescriptor(),
            ApiProto.getDescriptor(),
            DurationProto.getDescriptor(),
            EmptyProto.getDescriptor(),
            FieldMaskProto.getDescriptor(),
            SourceContextProto.getDescriptor(),
            StructProto.getDescriptor(),
            TimestampProto.getDescriptor(),
            TypeProto.getDescriptor(),
            WrappersProto.getDescriptor(),
            DescriptorProtos.getDescriptor(),
            AnnotationsProto.getDescriptor(),
            HttpProto.getDescriptor(),
            HttpBodyProto.getDescriptor(),
            FieldBehaviorProto.getDescriptor(),
            ResourceProto.getDescriptor(),
            ClientProto.getDescriptor(),
            LaunchStageProto.getDescriptor(),
            StatusProto.getDescriptor(),
            CodeProto.getDescriptor(),
            ErrorDetailsProto.getDescriptor());
    TreeMap<String, FileDescriptor> byName = new TreeMap<>();
    for (FileDescriptor root : roots) {
      addWithDependencies(root, byName);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Whatever a built-in imports must be built in too, or a user file could not share it. */
  private static void addWithDependencies(FileDescriptor file, Map<String, FileDescriptor> byName) {
    if (byName.putIfAbsent(file.getName(), file) == null) {
      for (FileDescriptor dependency : file.getDependencies()) {
        addWithDependencies(dependency, byName);
      }
    }
  }
}
