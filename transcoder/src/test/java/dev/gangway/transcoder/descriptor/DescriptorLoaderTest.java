package dev.gangway.transcoder.descriptor;

import static dev.gangway.transcoder.descriptor.TestSets.INVALID_SET;
import static dev.gangway.transcoder.descriptor.TestSets.TEST_SET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.test.kitchen.KitchenOuterClass;
import dev.gangway.test.library.LibraryOuterClass;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorLoaderTest {

  private static LoadedDescriptors load(DescriptorSource... sources) {
    return DescriptorLoader.load(List.of(sources));
  }

  private static List<String> names(List<FileDescriptor> files) {
    return files.stream().map(FileDescriptor::getName).toList();
  }

  private static List<String> serviceNames(LoadedDescriptors loaded) {
    return loaded.services().stream().map(ServiceDescriptor::getFullName).toList();
  }

  @Test
  void loadsSetBuiltWithImports() {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.sources()).containsExactly(TEST_SET.toString());
    assertThat(names(loaded.files()))
        .containsExactly("gangway/test/kitchen.proto", "gangway/test/library.proto");
    assertThat(serviceNames(loaded))
        .containsExactly("gangway.test.kitchen.Kitchen", "gangway.test.library.v1.Library");
  }

  @Test
  void servicesKeepDeclarationOrderOfMethods() {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));

    List<String> loadedMethods =
        loaded.services().get(0).getMethods().stream().map(MethodDescriptor::getName).toList();
    List<String> generatedMethods =
        KitchenOuterClass.getDescriptor().getServices().get(0).getMethods().stream()
            .map(MethodDescriptor::getName)
            .toList();
    assertThat(loadedMethods).isNotEmpty().isEqualTo(generatedMethods);
  }

  @Test
  void loadsSetBuiltWithoutImportsThroughBuiltins() {
    LoadedDescriptors loaded = load(DescriptorSource.path(INVALID_SET));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded.files())).containsExactly("gangway/invalid/broken.proto");
    assertThat(serviceNames(loaded)).containsExactly("gangway.invalid.Broken");
  }

  @Test
  void loadsSeveralSetsTogetherWithServicesByFileName() {
    LoadedDescriptors loaded =
        load(DescriptorSource.path(TEST_SET), DescriptorSource.path(INVALID_SET));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.sources()).containsExactly(TEST_SET.toString(), INVALID_SET.toString());
    assertThat(serviceNames(loaded))
        .containsExactly(
            "gangway.invalid.Broken",
            "gangway.test.kitchen.Kitchen",
            "gangway.test.library.v1.Library");
  }

  @Test
  void httpRulesAreReadableAsExtensionsOnLoadedMethods() {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));

    ServiceDescriptor kitchen = loaded.services().get(0);
    MethodDescriptor echoQuery = kitchen.findMethodByName("EchoQuery");
    HttpRule rule = echoQuery.getOptions().getExtension(AnnotationsProto.http);
    assertThat(rule.getGet()).isEqualTo("/v1/echo");
    assertThat(rule.getAdditionalBindingsCount()).isEqualTo(4);
    assertThat(echoQuery.getOptions().getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void everyLoadedHttpRuleEqualsTheGeneratedOne() {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));
    List<ServiceDescriptor> generated =
        List.of(
            KitchenOuterClass.getDescriptor().getServices().get(0),
            LibraryOuterClass.getDescriptor().getServices().get(0));

    for (int s = 0; s < generated.size(); s++) {
      List<MethodDescriptor> expected = generated.get(s).getMethods();
      List<MethodDescriptor> actual = loaded.services().get(s).getMethods();
      for (int m = 0; m < expected.size(); m++) {
        assertThat(actual.get(m).getOptions().getExtension(AnnotationsProto.http))
            .as(actual.get(m).getFullName())
            .isEqualTo(expected.get(m).getOptions().getExtension(AnnotationsProto.http));
      }
    }
  }

  @Test
  void builtinFilesAreTheGeneratedOnesNotTheSetCopies() {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));

    FileDescriptor kitchen = loaded.files().get(0);
    assertThat(kitchen.getDependencies())
        .contains(Timestamp.getDescriptor().getFile(), AnnotationsProto.getDescriptor());
    assertThat(loaded.findMessage("google.protobuf.Timestamp")).contains(Timestamp.getDescriptor());
  }

  @Test
  void wellKnownTypesGoogleApiAndGoogleRpcFilesAreBuiltIn() {
    String[] builtins = {
      "google/protobuf/any.proto",
      "google/protobuf/api.proto",
      "google/protobuf/duration.proto",
      "google/protobuf/empty.proto",
      "google/protobuf/field_mask.proto",
      "google/protobuf/source_context.proto",
      "google/protobuf/struct.proto",
      "google/protobuf/timestamp.proto",
      "google/protobuf/type.proto",
      "google/protobuf/wrappers.proto",
      "google/protobuf/descriptor.proto",
      "google/api/annotations.proto",
      "google/api/http.proto",
      "google/api/httpbody.proto",
      "google/api/field_behavior.proto",
      "google/api/resource.proto",
      "google/api/client.proto",
      "google/api/launch_stage.proto",
      "google/rpc/status.proto",
      "google/rpc/code.proto",
      "google/rpc/error_details.proto"
    };
    byte[] importsAll = TestSets.setOf(TestSets.file("dep/all.proto", "All", null, builtins));

    LoadedDescriptors loaded = load(DescriptorSource.bytes("imports-all", importsAll));

    assertThat(loaded.problems()).isEmpty();
    assertThat(names(loaded.files().get(0).getDependencies())).containsExactly(builtins);
  }

  @Test
  void typeRegistryFindsLoadedAndBuiltinMessages() {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));

    assertThat(loaded.typeRegistry().find("gangway.test.kitchen.Everything"))
        .isNotNull()
        .extracting(d -> d.getFile().getName())
        .isEqualTo("gangway/test/kitchen.proto");
    assertThat(loaded.typeRegistry().find("google.rpc.Status")).isNotNull();
    assertThat(loaded.typeRegistry().find("google.api.HttpBody")).isNotNull();
    assertThat(loaded.findMessage("gangway.test.kitchen.Nested")).isPresent();
    assertThat(loaded.findMessage("gangway.test.kitchen.Nope")).isEmpty();
  }

  @Test
  void typeRegistryPrintsAnyHoldingALoadedMessage() throws Exception {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));
    Any any = Any.pack(Everything.newBuilder().setStringValue("hi").build());

    String json =
        JsonFormat.printer()
            .usingTypeRegistry(loaded.typeRegistry())
            .omittingInsignificantWhitespace()
            .print(any);

    assertThat(json)
        .isEqualTo(
            "{\"@type\":\"type.googleapis.com/gangway.test.kitchen.Everything\","
                + "\"stringValue\":\"hi\"}");
  }

  @Test
  void loadsInMemoryBytes() throws Exception {
    byte[] data = Files.readAllBytes(TEST_SET);

    LoadedDescriptors loaded = load(DescriptorSource.bytes("inline", data));

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.sources()).containsExactly("inline");
    assertThat(loaded.services()).hasSize(2);
  }

  @Test
  void loadingNothingGivesAnEmptySnapshotWithBuiltinTypes() {
    LoadedDescriptors loaded = DescriptorLoader.load(List.of());

    assertThat(loaded.files()).isEmpty();
    assertThat(loaded.services()).isEmpty();
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.findMessage("google.protobuf.Duration")).isPresent();
  }

  @Test
  void snapshotListsAreImmutable() {
    LoadedDescriptors loaded = load(DescriptorSource.path(TEST_SET));

    assertThatThrownBy(() -> loaded.files().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> loaded.services().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> loaded.problems().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> loaded.sources().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void bytesSourceCopiesItsInput() {
    byte[] data = TestSets.setOf(TestSets.file("dep/a.proto", "A", null));
    DescriptorSource source = DescriptorSource.bytes("a", data);
    Arrays.fill(data, (byte) 0);

    assertThat(DescriptorLoader.load(List.of(source)).findMessage("dep.A")).isPresent();
  }
}
