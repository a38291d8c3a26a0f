package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.ExtensionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The descriptor set the build writes for the demo config and the end-to-end tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DescriptorSetTest {

  /** Where samples/pom.xml writes it; samples/demo/gangway.yaml points here. */
  static final Path DESCRIPTOR_SET =
      Path.of(System.getProperty("basedir", ".")).resolve("target/descriptors/samples.binpb");

  private FileDescriptorSet set;

  @BeforeAll
  void read() throws Exception {
    assertThat(DESCRIPTOR_SET).isRegularFile();
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    AnnotationsProto.registerAllExtensions(registry);
    set = FileDescriptorSet.parseFrom(Files.readAllBytes(DESCRIPTOR_SET), registry);
  }

  private List<String> services() {
    List<String> services = new ArrayList<>();
    for (FileDescriptorProto file : set.getFileList()) {
      for (ServiceDescriptorProto service : file.getServiceList()) {
        services.add(file.getPackage() + "." + service.getName());
      }
    }
    return services;
  }

  @Test
  void holdsEverySampleService() {
    for (SampleBackend backend : SampleBackend.values()) {
      assertThat(services()).contains(backend.serviceName());
    }
  }

  @Test
  void includesImportsSoItLoadsAlone() {
    assertThat(set.getFileList()).extracting(FileDescriptorProto::getName).contains(
        "google/api/annotations.proto",
        "google/api/http.proto",
        "google/protobuf/descriptor.proto",
        "google/protobuf/field_mask.proto",
        "google/protobuf/timestamp.proto",
        "google/rpc/code.proto");
  }

  @Test
  void everySampleMethodHasAnHttpRule() {
    int methods = 0;
    for (FileDescriptorProto file : set.getFileList()) {
      if (!file.getPackage().startsWith("gangway.samples.")) {
        continue;
      }
      for (ServiceDescriptorProto service : file.getServiceList()) {
        for (MethodDescriptorProto method : service.getMethodList()) {
          HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
          assertThat(rule.getPatternCase())
              .as(service.getName() + "." + method.getName())
              .isNotEqualTo(HttpRule.PatternCase.PATTERN_NOT_SET);
          methods++;
        }
      }
    }
    assertThat(methods).isEqualTo(10 + 2 + 2 + 3 + 7 + 3);
  }

  @Test
  void archiveIsACustomVerbWithABody() {
    HttpRule archive = rule("Bookstore", "ArchiveBook");

    assertThat(archive.getPost()).isEqualTo("/v1/{name=shelves/*/books/*}:archive");
    assertThat(archive.getBody()).isEqualTo("*");
    assertThat(rule("Bookstore", "UpdateBook").getPatch())
        .isEqualTo("/v1/{book.name=shelves/*/books/*}");
  }

  private HttpRule rule(String service, String method) {
    for (FileDescriptorProto file : set.getFileList()) {
      for (ServiceDescriptorProto s : file.getServiceList()) {
        for (MethodDescriptorProto m : s.getMethodList()) {
          if (s.getName().equals(service) && m.getName().equals(method)) {
            return m.getOptions().getExtension(AnnotationsProto.http);
          }
        }
      }
    }
    throw new AssertionError(service + "." + method + " not in the set");
  }
}
