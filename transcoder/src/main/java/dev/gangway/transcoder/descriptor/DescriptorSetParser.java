package dev.gangway.transcoder.descriptor;

import com.google.api.AnnotationsProto;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ByteString;
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

  /** FileDescriptorProto's {@code source_code_info = 9}. */
  private static final int SOURCE_INFO_TAG = FileDescriptorProto.SOURCE_CODE_INFO_FIELD_NUMBER << 3
      | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  /**
   * The files of a set, each parsed on its own, without its source info: that is cut out of the
   * file's bytes before parsing and its comments read from the wire by {@code comments}, so a set
   * built with source info never becomes a million {@code Location} objects. Unknown fields
   * (options of extensions nobody registered) are discarded while parsing: the transcoder never
   * reads them, and for googleapis they were a tenth of the heap. Repeated names and options are
   * made one object each by {@code shared}.
   */
  static Optional<List<FileDescriptorProto>> parse(
      RawSet raw, List<LoadProblem> problems, CommentCollector comments, ValuePool shared) {
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
        int length = in.readRawVarint32();
        int start = in.getTotalBytesRead();
        in.skipRawBytes(length);
        FileDescriptorProto file = parseFile(raw.data().substring(start, start + length), comments);
        if (file.getName().isEmpty()) {
          problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
          return Optional.empty();
        }
        files.add(shared.pool(file));
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

  /** One file, parsed without its source info, whose comments go to {@code comments}. */
  private static FileDescriptorProto parseFile(ByteString bytes, CommentCollector comments)
      throws IOException {
    CodedInputStream in = bytes.newCodedInput();
    int tagStart = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != SOURCE_INFO_TAG) {
        in.skipField(tag);
        tagStart = in.getTotalBytesRead();
        continue;
      }
      int length = in.readRawVarint32();
      int valueStart = in.getTotalBytesRead();
      int end = valueStart + length;
      byte[] rest = new byte[bytes.size() - (end - tagStart)];
      bytes.copyTo(rest, 0, 0, tagStart);
      bytes.copyTo(rest, end, tagStart, bytes.size() - end);
      FileDescriptorProto file = withoutSourceInfo(FILE_PARSER.parseFrom(rest, EXTENSIONS),
          comments);
      comments.add(file.getName(), bytes.substring(valueStart, end));
      return file;
    }
    return withoutSourceInfo(FILE_PARSER.parseFrom(bytes, EXTENSIONS), comments);
  }

  /** A file with source info left in it (protoc writes it once; a set merged by hand may not). */
  private static FileDescriptorProto withoutSourceInfo(
      FileDescriptorProto file, CommentCollector comments) throws IOException {
    if (!file.hasSourceCodeInfo()) {
      return file;
    }
    comments.add(file.getName(), file.getSourceCodeInfo());
    return file.toBuilder().clearSourceCodeInfo().build();
  }

  private static ExtensionRegistry extensions() {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    AnnotationsProto.registerAllExtensions(registry);
    registry.add(FieldBehaviorProto.fieldBehavior);
    return registry.getUnmodifiable();
  }
}
