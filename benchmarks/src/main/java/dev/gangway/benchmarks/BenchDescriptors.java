package dev.gangway.benchmarks;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Descriptor sets for the benchmarks, loaded through the real loader as a user's file would be. */
final class BenchDescriptors {
  private BenchDescriptors() {}

  /** A transcoder over the test protos (library + kitchen), built from their generated classes. */
  static Transcoder testProtos() {
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    Map<String, FileDescriptor> files = new LinkedHashMap<>();
    collect(dev.gangway.test.kitchen.KitchenOuterClass.getDescriptor(), files);
    collect(dev.gangway.test.library.LibraryOuterClass.getDescriptor(), files);
    files.values().forEach(f -> set.addFile(f.toProto()));
    return load(set.build(), TranscoderOptions.DEFAULT);
  }

  /**
   * A transcoder with {@code routes} GET routes spread over a few shapes, e.g.
   * {@code /v1/res42/{name=things/*}/items/{id}} and {@code /v2/res43/{id}:touch}.
   */
  static Transcoder syntheticRoutes(int routes) {
    DescriptorProto request = DescriptorProto.newBuilder()
        .setName("Req")
        .addField(field("name", 1))
        .addField(field("id", 2))
        .build();
    ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder().setName("Routes");
    for (int i = 0; i < routes; i++) {
      service.addMethod(MethodDescriptorProto.newBuilder()
          .setName("M" + i)
          .setInputType(".bench.Req")
          .setOutputType(".bench.Req")
          .setOptions(MethodOptions.newBuilder()
              .setExtension(AnnotationsProto.http, HttpRule.newBuilder().setGet(syntheticPath(i)).build())));
    }
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("bench/routes.proto")
        .setPackage("bench")
        .setSyntax("proto3")
        .addDependency("google/api/annotations.proto")
        .addMessageType(request)
        .addService(service)
        .build();
    return load(FileDescriptorSet.newBuilder().addFile(file).build(),
        TranscoderOptions.builder().autoMapping(false).build());
  }

  /** The path template of synthetic route {@code i}. */
  static String syntheticPath(int i) {
    return switch (i % 3) {
      case 0 -> "/v1/res" + i + "/{name=things/*}/items/{id}";
      case 1 -> "/v2/res" + i + "/{id}:touch";
      default -> "/v3/res" + i + "/fixed/{name=**}";
    };
  }

  /** A concrete request path that synthetic route {@code i} matches. */
  static String syntheticRequestPath(int i) {
    return switch (i % 3) {
      case 0 -> "/v1/res" + i + "/things/t1/items/42";
      case 1 -> "/v2/res" + i + "/42:touch";
      default -> "/v3/res" + i + "/fixed/a/b/c";
    };
  }

  private static FieldDescriptorProto field(String name, int number) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(FieldDescriptorProto.Type.TYPE_STRING)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
        .setJsonName(name)
        .build();
  }

  private static void collect(FileDescriptor file, Map<String, FileDescriptor> into) {
    for (FileDescriptor dep : file.getDependencies()) {
      collect(dep, into);
    }
    into.putIfAbsent(file.getName(), file);
  }

  private static Transcoder load(FileDescriptorSet set, TranscoderOptions options) {
    Transcoder transcoder = Transcoder.build(
        DescriptorLoader.load(List.of(DescriptorSource.bytes("bench", set.toByteArray()))), options);
    if (!transcoder.problems().isEmpty()) {
      throw new IllegalStateException("benchmark descriptors have problems: " + transcoder.problems());
    }
    return transcoder;
  }
}
