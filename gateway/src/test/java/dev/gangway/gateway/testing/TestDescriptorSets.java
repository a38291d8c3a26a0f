package dev.gangway.gateway.testing;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Descriptor sets made in code for gateway tests (the gateway has no generated set of its own
 * yet): a {@code Shelves} service under a chosen package and path prefix.
 */
public final class TestDescriptorSets {
  private TestDescriptorSets() {}

  /**
   * {@code <pkg>.Shelves} with {@code GET /<prefix>/{name=shelves/*}} (GetShelf),
   * {@code POST /<prefix>/shelves} body {@code shelf} (CreateShelf) and
   * {@code GET /<prefix>/files/{name=**}} (GetFile).
   */
  public static byte[] shelves(String pkg, String prefix) {
    return set(pkg, service(pkg, false, prefix));
  }

  /**
   * Like {@link #shelves}, plus {@code FindShelf}, whose rule
   * {@code GET /<prefix>/{name=shelves/*}} has GetShelf's shape and loses the conflict, and {@code GetTopFile} on
   * {@code GET /<prefix>/files/top}, which is more specific than GetFile.
   */
  public static byte[] shelvesWithRivals(String pkg, String prefix) {
    return set(pkg, service(pkg, true, prefix));
  }

  /** Writes {@code data} to {@code file} atomically: a reader sees the old or the new bytes. */
  public static Path writeAtomically(Path file, byte[] data) {
    try {
      Path temp = Files.write(file.resolveSibling(file.getFileName() + ".tmp"), data);
      return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ServiceDescriptorProto service(String pkg, boolean rivals, String prefix) {
    String p = "/" + prefix;
    ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder()
        .setName("Shelves")
        .addMethod(method(pkg, "GetShelf", "GetShelfRequest",
            HttpRule.newBuilder().setGet(p + "/{name=shelves/*}")))
        .addMethod(method(pkg, "CreateShelf", "CreateShelfRequest",
            HttpRule.newBuilder().setPost(p + "/shelves").setBody("shelf")))
        .addMethod(method(pkg, "GetFile", "GetShelfRequest",
            HttpRule.newBuilder().setGet(p + "/files/{name=**}")));
    if (rivals) {
      service
          .addMethod(method(pkg, "FindShelf", "GetShelfRequest",
              HttpRule.newBuilder().setGet(p + "/{name=shelves/*}")))
          .addMethod(method(pkg, "GetTopFile", "GetShelfRequest",
              HttpRule.newBuilder().setGet(p + "/files/top")));
    }
    return service.build();
  }

  private static MethodDescriptorProto method(
      String pkg, String name, String input, HttpRule.Builder rule) {
    return MethodDescriptorProto.newBuilder()
        .setName(name)
        .setInputType("." + pkg + "." + input)
        .setOutputType("." + pkg + ".Shelf")
        .setOptions(MethodOptions.newBuilder().setExtension(AnnotationsProto.http, rule.build()))
        .build();
  }

  private static byte[] set(String pkg, ServiceDescriptorProto service) {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName(pkg.replace('.', '/') + "/shelves.proto")
        .setPackage(pkg)
        .setSyntax("proto3")
        .addDependency("google/api/annotations.proto")
        .addMessageType(message("Shelf", string("name", 1), string("theme", 2)))
        .addMessageType(message("GetShelfRequest", string("name", 1),
            field("view", 2, Type.TYPE_INT32, Label.LABEL_OPTIONAL),
            field("tags", 3, Type.TYPE_STRING, Label.LABEL_REPEATED), string("theme", 4)))
        .addMessageType(message("CreateShelfRequest", string("parent", 1),
            field("shelf", 2, Type.TYPE_MESSAGE, Label.LABEL_OPTIONAL)
                .setTypeName("." + pkg + ".Shelf")))
        .addService(service)
        .build();
    return FileDescriptorSet.newBuilder().addFile(file).build().toByteArray();
  }

  private static DescriptorProto message(String name, FieldDescriptorProto.Builder... fields) {
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
    for (FieldDescriptorProto.Builder f : fields) {
      message.addField(f);
    }
    return message.build();
  }

  private static FieldDescriptorProto.Builder string(String name, int number) {
    return field(name, number, Type.TYPE_STRING, Label.LABEL_OPTIONAL);
  }

  private static FieldDescriptorProto.Builder field(
      String name, int number, Type type, Label label) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(label);
  }
}
