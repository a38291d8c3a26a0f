package dev.gangway.samples.e2e;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Descriptor sets made in the test for hot reload: a service no sample server implements,
 * {@code gangway.e2e.hot.v1.Hot}, with one method {@code Ping} under a {@code get} rule whose
 * path the test chooses; and files written the way a deploy tool should write them (to a
 * temporary name, then renamed over the old file).
 *
 * <p>Stateless and thread-safe.
 */
final class HotDescriptors {
  static final String SERVICE = "gangway.e2e.hot.v1.Hot";
  static final String METHOD = SERVICE + "/Ping";

  private HotDescriptors() {}

  /**
   * A {@code FileDescriptorSet} holding {@code gangway/e2e/hot/v1/hot.proto}, whose only import
   * ({@code google/api/annotations.proto}) is built into the gateway.
   */
  static byte[] withGetRoute(String path) {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("gangway/e2e/hot/v1/hot.proto")
        .setPackage("gangway.e2e.hot.v1")
        .setSyntax("proto3")
        .addDependency("google/api/annotations.proto")
        .addMessageType(DescriptorProto.newBuilder()
            .setName("PingRequest")
            .addField(FieldDescriptorProto.newBuilder()
                .setName("note")
                .setJsonName("note")
                .setNumber(1)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .setType(FieldDescriptorProto.Type.TYPE_STRING)))
        .addMessageType(DescriptorProto.newBuilder().setName("PingResponse"))
        .addService(ServiceDescriptorProto.newBuilder()
            .setName("Hot")
            .addMethod(MethodDescriptorProto.newBuilder()
                .setName("Ping")
                .setInputType(".gangway.e2e.hot.v1.PingRequest")
                .setOutputType(".gangway.e2e.hot.v1.PingResponse")
                .setOptions(MethodOptions.newBuilder().setExtension(
                    AnnotationsProto.http, HttpRule.newBuilder().setGet(path).build()))))
        .build();
    try {
      // Fail here, not in the gateway, if the test builds something protobuf rejects.
      Descriptors.FileDescriptor.buildFrom(
          file, new Descriptors.FileDescriptor[] {AnnotationsProto.getDescriptor()});
    } catch (Descriptors.DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
    return FileDescriptorSet.newBuilder().addFile(file).build().toByteArray();
  }

  /** Replaces {@code target} with {@code bytes} in one rename, so no reader sees half a file. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    // ".tmp" is not a descriptor extension: the gateway ignores the file until the rename.
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
