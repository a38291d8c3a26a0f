package dev.gangway.transcoder.internal.routing;

import com.google.api.AnnotationsProto;
import com.google.api.HttpProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.ExtensionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds descriptors for routing tests: the invalid test descriptor set (the real loader is
 * written elsewhere) and one-off services with given rules.
 */
final class TestDescriptors {
  static final Path INVALID_SET = Path.of("target/test-descriptors-invalid/invalid.binpb");

  private TestDescriptors() {}

  /**
   * The services of invalid.binpb, built against the library's own google/api protos.
   *
   * @param registerAnnotations parse with google.api.http registered (as a loader should); when
   *     false the rules stay unknown fields of the method options
   */
  static List<ServiceDescriptor> invalidServices(boolean registerAnnotations)
      throws IOException, DescriptorValidationException {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    if (registerAnnotations) {
      AnnotationsProto.registerAllExtensions(registry);
    }
    FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(INVALID_SET), registry);
    Map<String, FileDescriptor> built = new HashMap<>();
    for (FileDescriptor builtIn : List.of(AnnotationsProto.getDescriptor(),
        HttpProto.getDescriptor(), DescriptorProtos.getDescriptor())) {
      built.put(builtIn.getName(), builtIn);
    }
    List<ServiceDescriptor> services = new ArrayList<>();
    for (FileDescriptorProto file : set.getFileList()) {
      List<FileDescriptor> deps = new ArrayList<>();
      for (String dep : file.getDependencyList()) {
        deps.add(built.get(dep));
      }
      FileDescriptor fd = FileDescriptor.buildFrom(file, deps.toArray(new FileDescriptor[0]));
      built.put(fd.getName(), fd);
      services.addAll(fd.getServices());
    }
    return services;
  }

  /**
   * A service {@code gangway.rules.Rules} with one method per rule, named {@code M0, M1, ...};
   * a null rule leaves its method unannotated.
   */
  static ServiceDescriptor serviceWithRules(HttpRule... rules)
      throws DescriptorValidationException {
    return serviceWithShapes(new CallShape[rules.length], rules);
  }

  /**
   * As {@link #serviceWithRules(HttpRule...)}, the methods streaming as {@code shapes} says (a
   * null shape is unary).
   */
  static ServiceDescriptor serviceWithShapes(CallShape[] shapes, HttpRule... rules)
      throws DescriptorValidationException {
    ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder().setName("Rules");
    for (int i = 0; i < rules.length; i++) {
      CallShape shape = shapes[i] == null ? CallShape.UNARY : shapes[i];
      MethodDescriptorProto.Builder method = MethodDescriptorProto.newBuilder()
          .setName("M" + i)
          .setInputType(".gangway.rules.Req")
          .setOutputType(".gangway.rules.Req")
          .setClientStreaming(
              shape == CallShape.CLIENT_STREAMING || shape == CallShape.BIDI_STREAMING)
          .setServerStreaming(
              shape == CallShape.SERVER_STREAMING || shape == CallShape.BIDI_STREAMING);
      if (rules[i] != null) {
        method.setOptions(MethodOptions.newBuilder().setExtension(AnnotationsProto.http, rules[i]));
      }
      service.addMethod(method);
    }
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("gangway/rules.proto")
        .setPackage("gangway.rules")
        .setSyntax("proto3")
        .addMessageType(DescriptorProto.newBuilder().setName("Req"))
        .addService(service)
        .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[0]).getServices().get(0);
  }
}
