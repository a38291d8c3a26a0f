package dev.gangway.gateway.reflection;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ReflectionConfig;
import dev.gangway.gateway.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge of reflected descriptors with dropped-in files: precedence, what is taken, order. */
class ReflectionMergeTest {
  private static final String ORPHAN_SERVICE = "gangway.gwtest.v1.OrphanService";

  @TempDir Path dir;

  /** What a backend serving {@code services} of the test descriptors would send. */
  private static ReflectedDescriptors.Source served(String backend, String... services)
      throws Exception {
    List<FileDescriptorProto> files = FileDescriptorSet
        .parseFrom(Files.readAllBytes(TestConfigs.DESCRIPTORS)).getFileList().stream()
        .sorted(java.util.Comparator.comparing(FileDescriptorProto::getName)).toList();
    return new ReflectedDescriptors.Source(backend, Instant.EPOCH, Optional.of(
        new ReflectionClient.Fetched("grpc.reflection.v1", List.of(services), files, List.of())),
        Optional.empty());
  }

  private GatewayConfig config(List<Path> paths, BackendConfig... backends) {
    return GatewayConfig.DEFAULT.toBuilder()
        .descriptors(new DescriptorsConfig(paths, false, Duration.ofSeconds(2)))
        .backends(List.of(backends))
        .build();
  }

  private static BackendConfig reflecting(String name, String... services) {
    return TestConfigs.backend(name, "localhost:1", services)
        .withReflection(ReflectionConfig.enabledWithDefaults());
  }

  private static List<String> services(ReflectionMerge merge) {
    return merge.loaded().services().stream().map(ServiceDescriptor::getFullName).toList();
  }

  @Test
  void anEmptyDirectoryAndABackendsOwnServicesServe() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("descriptors"));

    ReflectionMerge merge = ReflectionMerge.load(
        config(List.of(empty), reflecting("echo", "gangway.gwtest.v1.*")),
        Map.of("echo", served("echo", ECHO_SERVICE)));

    assertThat(merge.loaded().problems()).isEmpty();
    assertThat(merge.loaded().sources()).containsExactly("reflection:echo");
    // OrphanService is in the same file but the backend does not list it: cut, types kept.
    assertThat(services(merge)).containsExactly(ECHO_SERVICE);
    assertThat(merge.drift()).isEmpty();
  }

  @Test
  void servicesOtherBackendsAreGivenAreCut() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("descriptors"));

    ReflectionMerge merge = ReflectionMerge.load(
        config(List.of(empty), reflecting("echo", ECHO_SERVICE),
            TestConfigs.backend("orphans", "localhost:2", ORPHAN_SERVICE)),
        Map.of("echo", served("echo", ECHO_SERVICE, ORPHAN_SERVICE)));

    assertThat(services(merge)).containsExactly(ECHO_SERVICE);
  }

  @Test
  void theDroppedInFilesWinAndAgreeingCopiesHaveNoDrift() throws Exception {
    ReflectionMerge merge = ReflectionMerge.load(
        config(List.of(TestConfigs.DESCRIPTORS), reflecting("echo", "gangway.gwtest.v1.*")),
        Map.of("echo", served("echo", ECHO_SERVICE, ORPHAN_SERVICE)));

    assertThat(merge.loaded().sources()).containsExactly(TestConfigs.DESCRIPTORS.toString());
    assertThat(merge.loaded().problems()).isEmpty();
    assertThat(merge.drift().get("echo").none()).isTrue();
  }

  @Test
  void aServiceTheFilesDeclareButTheBackendDoesNotListIsDrift() throws Exception {
    Path only = dir.resolve("echo.binpb");
    Files.copy(TestConfigs.DESCRIPTORS, only);

    ReflectionMerge merge = ReflectionMerge.load(
        config(List.of(only), reflecting("echo", "gangway.gwtest.v1.*")),
        Map.of("echo", served("echo", ECHO_SERVICE)));

    // Its file declares OrphanService too, but it does not list it: it does not serve it.
    assertThat(merge.drift().get("echo").differences()).extracting(Object::toString)
        .containsExactly("method removed: gangway.gwtest.v1.OrphanService.Ping (the backend does"
            + " not serve gangway.gwtest.v1.OrphanService)");
    assertThat(merge.drift().get("echo").undeclared()).isEmpty();
  }

  @Test
  void theSameInputsGiveTheSameDescriptorsWhateverTheConfigOrder() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("descriptors"));
    Map<String, ReflectedDescriptors.Source> reflected = Map.of(
        "a", served("a", ECHO_SERVICE), "b", served("b", ORPHAN_SERVICE));

    ReflectionMerge first = ReflectionMerge.load(config(List.of(empty),
        reflecting("a", ECHO_SERVICE), reflecting("b", ORPHAN_SERVICE)), reflected);
    ReflectionMerge second = ReflectionMerge.load(config(List.of(empty),
        reflecting("b", ORPHAN_SERVICE), reflecting("a", ECHO_SERVICE)), reflected);

    assertThat(second.loaded().sources()).isEqualTo(first.loaded().sources());
    assertThat(second.loaded().files().stream().map(FileDescriptor::toProto).toList())
        .isEqualTo(first.loaded().files().stream().map(FileDescriptor::toProto).toList());
    // Both backends send echo.proto, one service each: taken once, from a, with both services.
    assertThat(first.loaded().problems()).isEmpty();
    assertThat(first.loaded().sources()).containsExactly("reflection:a");
    assertThat(services(first)).containsExactly(ECHO_SERVICE, ORPHAN_SERVICE);
  }
}
