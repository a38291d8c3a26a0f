package dev.gangway.transcoder.descriptor;

import com.google.api.AnnotationsProto;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.Parser;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
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
   * extension at parse time. {@code google.api.field_behavior} is kept too (breaking-change
   * checks, and the OpenAPI documents: required and output-only fields).
   */
  private static final ExtensionRegistry EXTENSIONS = extensions();

  static final String NOT_A_SET =
      "is not a binary FileDescriptorSet (protoc --descriptor_set_out writes one)";

  private DescriptorSetParser() {}

  /** FileDescriptorSet's only field, {@code repeated FileDescriptorProto file = 1}. */
  private static final int FILE_TAG =
      FileDescriptorSet.FILE_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  /** Parses one file and drops what it does not know (see {@link #parse}). */
  private static final Parser<FileDescriptorProto> FILE_PARSER =
      DiscardUnknownFieldsParser.wrap(FileDescriptorProto.parser());

  /**
   * The files of a set, each parsed on its own: its comments go to {@code comments} and its
   * source info is dropped before the next file is read, so a set built with source info never
   * holds all of it at once. Unknown fields (options of extensions nobody registered, such as
   * {@code google.api.field_behavior}) are discarded while parsing: the transcoder never reads
   * them, and for googleapis they were a tenth of the heap.
   */
  static Optional<List<FileDescriptorProto>> parse(
      RawSet raw, List<LoadProblem> problems, ProtoComments.Collector comments) {
    if (raw.data().isEmpty()) {
      problems.add(new LoadProblem(raw.origin(), "is empty, expected a binary FileDescriptorSet"));
      return Optional.empty();
    }
    List<FileDescriptorProto> files = new ArrayList<>();
    CodedInputStream in = raw.data().newCodedInput();
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        // Arbitrary bytes often parse as some message; a real set has only field 1 (file) at
        // the top level, at least one file, and a name on every file.
        if (tag != FILE_TAG) {
          problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
          return Optional.empty();
        }
        int limit = in.pushLimit(in.readRawVarint32());
        FileDescriptorProto file = FILE_PARSER.parseFrom(in, EXTENSIONS);
        in.popLimit(limit);
        if (file.getName().isEmpty()) {
          problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
          return Optional.empty();
        }
        if (file.hasSourceCodeInfo()) {
          comments.add(file.getName(), file.getSourceCodeInfo());
          file = file.toBuilder().clearSourceCodeInfo().build();
        }
        files.add(file);
      }
    } catch (IOException | RuntimeException e) {
      // InvalidProtocolBufferException, or a builder refusing what the bytes say.
      problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
      return Optional.empty();
    }
    if (files.isEmpty()) {
      problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
      return Optional.empty();
    }
    return Optional.of(files);
  }

  private static ExtensionRegistry extensions() {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    AnnotationsProto.registerAllExtensions(registry);
    registry.add(FieldBehaviorProto.fieldBehavior);
    return registry.getUnmodifiable();
  }
}
