package dev.gangway.transcoder.descriptor;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.util.Optional;

/**
 * One file of a descriptor set as parsed, before it is collected and linked.
 *
 * @param proto the file without its source info
 * @param comments the comments its source info had, if any
 */
record ParsedFile(FileDescriptorProto proto, Optional<FileComments> comments) {}
