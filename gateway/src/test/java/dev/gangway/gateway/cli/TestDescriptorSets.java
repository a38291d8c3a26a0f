package dev.gangway.gateway.cli;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small descriptor set for CLI tests: {@code gangway.test.Shelves} with
 * {@code GetShelf} at {@code GET /v1/{name=shelves/*}}, and {@code gangway.other.Pings} with an
 * unannotated {@code Ping} (served only by auto-mapping). google/api files are built into the
 * loader, so the set carries only its own file, as protoc without --include_imports writes it.
 */
final class TestDescriptorSets {
  private TestDescriptorSets() {}

  static Path write(Path dir) throws IOException {
    Path file = dir.resolve("test.binpb");
    Files.write(file, FileDescriptorSet.newBuilder()
        .addFile(shelves())
        .addFile(pings())
        .build()
        .toByteArray());
    return file;
  }

  /**
   * An older generation of the same API, for {@code validate --against}: {@code Pings} also had
   * {@code Pong}, and {@code Shelf.name} was field 2.
   */
  static Path writeOlder(Path dir) throws IOException {
    Path file = dir.resolve("older.binpb");
    FileDescriptorProto.Builder shelves = shelves().toBuilder();
    shelves.getMessageTypeBuilder(1).getFieldBuilder(0).setNumber(2);
    FileDescriptorProto.Builder pings = pings().toBuilder();
    pings.getServiceBuilder(0).addMethod(pings.getService(0).getMethod(0).toBuilder()
        .setName("Pong"));
    Files.write(file, FileDescriptorSet.newBuilder()
        .addFile(shelves)
        .addFile(pings)
        .build()
        .toByteArray());
    return file;
  }

  private static FileDescriptorProto shelves() {
    HttpRule rule = HttpRule.newBuilder().setGet("/v1/{name=shelves/*}").build();
    return FileDescriptorProto.newBuilder()
        .setName("gangway/test/shelves.proto")
        .setPackage("gangway.test")
        .setSyntax("proto3")
        .addDependency("google/api/annotations.proto")
        .addMessageType(message("GetShelfRequest"))
        .addMessageType(message("Shelf"))
        .addService(ServiceDescriptorProto.newBuilder()
            .setName("Shelves")
            .addMethod(MethodDescriptorProto.newBuilder()
                .setName("GetShelf")
                .setInputType(".gangway.test.GetShelfRequest")
                .setOutputType(".gangway.test.Shelf")
                .setOptions(MethodOptions.newBuilder().setExtension(AnnotationsProto.http, rule))))
        .build();
  }

  private static FileDescriptorProto pings() {
    return FileDescriptorProto.newBuilder()
        .setName("gangway/other/pings.proto")
        .setPackage("gangway.other")
        .setSyntax("proto3")
        .addMessageType(message("Ping"))
        .addService(ServiceDescriptorProto.newBuilder()
            .setName("Pings")
            .addMethod(MethodDescriptorProto.newBuilder()
                .setName("Ping")
                .setInputType(".gangway.other.Ping")
                .setOutputType(".gangway.other.Ping")))
        .build();
  }

  private static DescriptorProto message(String name) {
    return DescriptorProto.newBuilder()
        .setName(name)
        .addField(FieldDescriptorProto.newBuilder()
            .setName("name")
            .setNumber(1)
            .setType(FieldDescriptorProto.Type.TYPE_STRING)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))
        .build();
  }
}
