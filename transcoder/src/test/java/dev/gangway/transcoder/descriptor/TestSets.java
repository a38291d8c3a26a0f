package dev.gangway.transcoder.descriptor;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Descriptor sets for the loader tests: the build's sets, split, and small hand-made files. */
final class TestSets {
  static final Path TEST_SET = Path.of("target/test-descriptors/test.binpb");
  static final Path INVALID_SET = Path.of("target/test-descriptors-invalid/invalid.binpb");

  private TestSets() {}

  /** The files of test.binpb (built with imports), as parsed. */
  static List<FileDescriptorProto> testFiles() {
    try {
      return FileDescriptorSet.parseFrom(Files.readAllBytes(TEST_SET)).getFileList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FileDescriptorProto testFile(String name) {
    return testFiles().stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + TEST_SET));
  }

  static byte[] setOf(FileDescriptorProto... files) {
    return FileDescriptorSet.newBuilder().addAllFile(List.of(files)).build().toByteArray();
  }

  static Path write(Path dir, String fileName, byte[] data) {
    try {
      return Files.write(dir.resolve(fileName), data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A proto3 file {@code name} in package {@code pkg} with one message {@code message} whose field
   * {@code ref} has type {@code fieldType} (a full name, or null for a string field).
   */
  static FileDescriptorProto file(
      String name, String message, String fieldType, String... imports) {
    FieldDescriptorProto.Builder field =
        FieldDescriptorProto.newBuilder()
            .setName("ref")
            .setNumber(1)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    if (fieldType == null) {
      field.setType(FieldDescriptorProto.Type.TYPE_STRING);
    } else {
      field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName("." + fieldType);
    }
    return FileDescriptorProto.newBuilder()
        .setName(name)
        .setPackage("dep")
        .setSyntax("proto3")
        .addAllDependency(List.of(imports))
        .addMessageType(DescriptorProto.newBuilder().setName(message).addField(field))
        .build();
  }
}
