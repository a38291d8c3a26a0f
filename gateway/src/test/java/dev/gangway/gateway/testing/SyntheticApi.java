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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A large API made in code, for scale tests: one file per service, as big APIs are laid out, so
 * the loader links thousands of files. Service {@code i} ({@code <pkg>.s<i>.Svc}) has
 * {@code methods} methods; method {@code j} serves
 * <ul>
 *   <li>even {@code j}: {@code GET /v1/s<i>/r<j>/{name=items/*}} (field {@code name}),
 *   <li>odd {@code j}: {@code POST /v1/s<i>/r<j>:run} with body {@code *}.
 * </ul>
 * Every method takes {@code <pkg>.common.Item} ({@code name}, {@code size}) and returns it.
 */
public final class SyntheticApi {
  private SyntheticApi() {}

  /** The number of HTTP rules {@link #write} makes. */
  public static long rules(int services, int methods) {
    return (long) services * methods;
  }

  /** The full name of method {@code j} of service {@code i}. */
  public static String method(String pkg, int i, int j) {
    return pkg + ".s" + i + ".Svc.M" + j;
  }

  /** The path method {@code j} of service {@code i} is matched by (for GET, with a name). */
  public static String path(int i, int j) {
    return j % 2 == 0 ? "/v1/s" + i + "/r" + j + "/items/x" + j : "/v1/s" + i + "/r" + j + ":run";
  }

  /** Writes the set to {@code file} (streamed: no one buffer holds it) and returns the file. */
  public static Path write(Path file, String pkg, int services, int methods) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      FileDescriptorSet.newBuilder().addFile(common(pkg)).build().writeTo(out);
      // A FileDescriptorSet is a repeated field: sets written one after another are one set.
      for (int i = 0; i < services; i++) {
        FileDescriptorSet.newBuilder().addFile(service(pkg, i, methods)).build().writeTo(out);
      }
    }
    return file;
  }

  private static FileDescriptorProto common(String pkg) {
    return FileDescriptorProto.newBuilder()
        .setName(pkg.replace('.', '/') + "/common.proto")
        .setPackage(pkg + ".common")
        .setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Item")
            .addField(field("name", 1, Type.TYPE_STRING))
            .addField(field("size", 2, Type.TYPE_INT64)))
        .build();
  }

  private static FileDescriptorProto service(String pkg, int i, int methods) {
    String item = "." + pkg + ".common.Item";
    ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder().setName("Svc");
    for (int j = 0; j < methods; j++) {
      String base = "/v1/s" + i + "/r" + j;
      HttpRule rule = j % 2 == 0
          ? HttpRule.newBuilder().setGet(base + "/{name=items/*}").build()
          : HttpRule.newBuilder().setPost(base + ":run").setBody("*").build();
      service.addMethod(MethodDescriptorProto.newBuilder()
          .setName("M" + j)
          .setInputType(item)
          .setOutputType(item)
          .setOptions(MethodOptions.newBuilder().setExtension(AnnotationsProto.http, rule)));
    }
    return FileDescriptorProto.newBuilder()
        .setName(pkg.replace('.', '/') + "/s" + i + "/svc.proto")
        .setPackage(pkg + ".s" + i)
        .setSyntax("proto3")
        .addDependency(pkg.replace('.', '/') + "/common.proto")
        .addDependency("google/api/annotations.proto")
        .addService(service)
        .build();
  }

  private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(Label.LABEL_OPTIONAL);
  }
}
