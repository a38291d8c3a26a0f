package dev.gangway.transcoder.descriptor;

import com.google.api.AnnotationsProto;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ByteString;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
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
   * The bytes of each file of a set, in set order, or empty (and a problem) if the bytes are not a
   * set. Only the top level is read here; {@link #parseFile} parses each file, on any thread.
   */
  static Optional<List<ByteString>> files(RawSet raw, List<LoadProblem> problems) {
    if (raw.data().isEmpty()) {
      problems.add(new LoadProblem(raw.origin(), "is empty, expected a binary FileDescriptorSet"));
      return Optional.empty();
    }
    List<ByteString> files = new ArrayList<>();
    CodedInputStream in = raw.data().newCodedInput();
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        // Arbitrary bytes often parse as some message; a real set has only field 1 (file) at
        // the top level, at least one file, and a name on every file (see parseFile).
        if (tag != FILE_TAG) {
          problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
          return Optional.empty();
        }
        int length = in.readRawVarint32();
        int start = in.getTotalBytesRead();
        in.skipRawBytes(length);
        files.add(raw.data().substring(start, start + length));
      }
    } catch (IOException | RuntimeException e) {
      // InvalidProtocolBufferException: a length past the end.
      problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
      return Optional.empty();
    }
    if (files.isEmpty()) {
      problems.add(new LoadProblem(raw.origin(), NOT_A_SET));
      return Optional.empty();
    }
    return Optional.of(files);
  }

  /**
   * One file of a set, parsed without its source info: that is cut out of the file's bytes before
   * parsing and its comments read from the wire by {@code comments}, so a set built with source
   * info never becomes a million {@code Location} objects. Unknown fields (options of extensions
   * nobody registered) are discarded while parsing: the transcoder never reads them, and for
   * googleapis they were a tenth of the heap. Repeated names and options are made one object each
   * by {@code shared}. Thread-safe if each thread has its own {@code comments}.
   *
   * @throws IOException if the bytes are not a file with a name (then the set is not a set)
   */
  static ParsedFile parseFile(ByteString bytes, CommentReader comments, ValuePool shared)
      throws IOException {
    try {
      ParsedFile parsed = cutSourceInfo(bytes, comments);
      if (parsed.proto().getName().isEmpty()) {
        throw new InvalidProtocolBufferException("a file without a name");
      }
      return new ParsedFile(shared.pool(parsed.proto()), parsed.comments());
    } catch (RuntimeException e) {
      // A builder refusing what the bytes say.
      throw new InvalidProtocolBufferException(e.toString());
    }
  }

  private static ParsedFile cutSourceInfo(ByteString bytes, CommentReader comments)
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
      ParsedFile file = withoutSourceInfo(FILE_PARSER.parseFrom(rest, EXTENSIONS), comments);
      return file.comments().isPresent() ? file : new ParsedFile(file.proto(),
          comments.read(file.proto().getName(), bytes.substring(valueStart, end)));
    }
    return withoutSourceInfo(FILE_PARSER.parseFrom(bytes, EXTENSIONS), comments);
  }

  /**
   * A file with source info left in it (protoc writes it once; a set merged by hand may have
   * it twice, and then this copy's comments are the ones kept).
   */
  private static ParsedFile withoutSourceInfo(FileDescriptorProto file, CommentReader comments)
      throws IOException {
    if (!file.hasSourceCodeInfo()) {
      return new ParsedFile(file, Optional.empty());
    }
    Optional<FileComments> read =
        comments.read(file.getName(), file.getSourceCodeInfo().toByteString());
    return new ParsedFile(file.toBuilder().clearSourceCodeInfo().build(), read);
  }

  private static ExtensionRegistry extensions() {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    AnnotationsProto.registerAllExtensions(registry);
    registry.add(FieldBehaviorProto.fieldBehavior);
    return registry.getUnmodifiable();
  }
}
