package dev.gangway.transcoder.descriptor;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;

/**
 * One file of a descriptor set, not yet linked, and the set it came from.
 *
 * @param proto the file as parsed
 * @param origin the file path or source name of its set
 */
record FileCandidate(FileDescriptorProto proto, String origin) {

  String name() {
    return proto.getName();
  }

  /**
   * Whether two copies define the same thing. Source info (comments, spans) is left out: a set
   * built with {@code --include_source_info} and one without describe the same file.
   */
  boolean sameDefinition(FileCandidate other) {
    return withoutSourceInfo(proto).equals(withoutSourceInfo(other.proto));
  }

  private static FileDescriptorProto withoutSourceInfo(FileDescriptorProto file) {
    return file.hasSourceCodeInfo() ? file.toBuilder().clearSourceCodeInfo().build() : file;
  }
}
