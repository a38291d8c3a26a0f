package dev.gangway.transcoder.descriptor;

import com.google.api.AnnotationsProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Optional;

/**
 * Parses the bytes of a binary {@code FileDescriptorSet}, recognising the {@code google.api.http}
 * method option, and rejects bytes that merely happen to parse.
 *
 * <p>Stateless and thread-safe.
 */
final class DescriptorSetParser {
  /**
   * Options are parsed once, here: {@code FileDescriptor.buildFrom} keeps them as they are, so
   * {@code getOptions().getExtension(AnnotationsProto.http)} works only if the registry knew the
   * extension at parse time.
   */
  private static final ExtensionRegistry EXTENSIONS = extensions();

  static final String NOT_A_SET =
      "is not a binary FileDescriptorSet (protoc --descriptor_set_out writes one)";

  private DescriptorSetParser() {}

  static Optional<FileDescriptorSet> parse(RawSet raw, List<LoadProblem> problems) {
    if (raw.data().isEmpty()) {
      problems.add(new LoadProblem(raw.origin(), "is empty, expected a binary FileDescriptorSet"));
      return Optional.empty();
    }
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(raw.data(), EXTENSIONS);
    } catch (InvalidProtocolBufferException e) {
      problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
      return Optional.empty();
    }
    if (!looksLikeDescriptorSet(set)) {
      problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
      return Optional.empty();
    }
    return Optional.of(set);
  }

  /**
   * Arbitrary bytes often parse as some message; a real set has only field 1 ({@code file}) at the
   * top level, at least one file, and a name on every file.
   */
  private static boolean looksLikeDescriptorSet(FileDescriptorSet set) {
    if (set.getFileCount() == 0 || !set.getUnknownFields().asMap().isEmpty()) {
      return false;
    }
    for (FileDescriptorProto file : set.getFileList()) {
      if (file.getName().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static ExtensionRegistry extensions() {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    AnnotationsProto.registerAllExtensions(registry);
    return registry.getUnmodifiable();
  }
}
