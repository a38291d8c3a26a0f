package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gangway.gateway.config.BackendConfig.KeepaliveConfig;
import dev.gangway.gateway.config.BackendConfig.LoadBalancing;
import dev.gangway.gateway.config.BackendConfig.TlsConfig;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.JsonFieldNames;
import dev.gangway.transcoder.options.TranscoderOptions.PathBodyConflict;
import dev.gangway.transcoder.options.TranscoderOptions.UnknownInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final Path DIR = Path.of("src/test/resources/config");
  static final Path VALID = DIR.resolve("valid");
  static final Path INVALID = DIR.resolve("invalid");

  /** {@link GatewayConfig#DEFAULT} with the default descriptors path made absolute. */
  static final GatewayConfig DEFAULTS = GatewayConfig.DEFAULT.toBuilder()
      .descriptors(new DescriptorsConfig(List.of(Path.of("descriptors").toAbsolutePath()), true,
          DescriptorsConfig.DEFAULT.pollInterval()))
      .build();

  static GatewayConfig load(Path file, Map<String, String> env) throws ConfigException {
    return new ConfigLoader(Optional.of(file), CliOverrides.NONE, env::get).load();
  }

  @Test
  void noFileAndNoFlagsGivesTheDefaults() throws ConfigException {
    GatewayConfig config = new ConfigLoader(Optional.empty(), CliOverrides.NONE, n -> null).load();

    assertThat(config).isEqualTo(DEFAULTS);
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9090));
    assertThat(config.descriptors().paths())
        .as("the default descriptors/ is in the working directory, even with a config file")
        .containsExactly(Path.of("descriptors").toAbsolutePath());
    assertThat(config.backends()).isEmpty();
  }

  @Test
  void emptyFileGivesTheDefaults() throws ConfigException {
    assertThat(load(VALID.resolve("empty.yaml"), Map.of())).isEqualTo(DEFAULTS);
  }

  @Test
  void sectionsWithoutValueGiveTheDefaults() throws ConfigException {
    assertThat(load(VALID.resolve("empty-sections.yaml"), Map.of())).isEqualTo(DEFAULTS);
  }

  @Test
  void readsEveryKey() throws ConfigException {
    Path file = VALID.resolve("full.yaml");
    Path dir = file.toAbsolutePath().getParent();
    Path tls = dir.resolve("../tls").normalize();

    GatewayConfig config = load(file, Map.of());

    assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 8081, 4,
        Duration.ofMinutes(2), Duration.ofSeconds(15), 1L << 20, 32 << 10, Duration.ofHours(1),
        ServerConfig.StreamFormat.JSON_ARRAY, Duration.ofMinutes(90),
        Optional.of(new ServerTlsConfig(tls.resolve("client.pem"), tls.resolve("client.key"),
            Optional.of(tls.resolve("ca.pem")), ServerTlsConfig.ClientAuth.REQUIRE, true,
            Duration.ofSeconds(30))), true,
        List.of(AddressRange.parse("10.0.0.0/8").orElseThrow(),
            AddressRange.parse("192.0.2.7/32").orElseThrow(),
            AddressRange.parse("fd00::/8").orElseThrow()), ClientAddressHeader.FORWARDED));
    assertThat(config.admin()).isEqualTo(new AdminConfig("0.0.0.0", -1));
    assertThat(config.admin().enabled()).isFalse();
    assertThat(config.descriptors()).isEqualTo(new DescriptorsConfig(
        List.of(dir.resolve("descriptors"), Path.of("/opt/gangway/extra.binpb")), false,
        Duration.ofMillis(500), DescriptorsConfig.BreakingChangePolicy.REFUSE));
    assertThat(config.backends()).containsExactly(
        new BackendConfig("library",
            List.of("gangway.samples.bookstore.v1.Bookstore", "gangway.samples.*"),
            "dns:///library:50051",
            Optional.of(new TlsConfig(Optional.of(tls.resolve("ca.pem")),
                Optional.of(tls.resolve("client.pem")), Optional.of(tls.resolve("client.key")),
                Optional.of("library.internal"))),
            Duration.ofSeconds(10), 8 << 20, LoadBalancing.PICK_FIRST,
            Optional.of(new KeepaliveConfig(Duration.ofMinutes(5), Duration.ofSeconds(10), true)),
            new ReflectionConfig(true, Duration.ofMinutes(1), Duration.ofSeconds(3), 200,
                4L << 20)),
        BackendConfig.of("fallback", List.of("*"), "static:///10.0.0.1:50051,10.0.0.2:50051"));
    assertThat(config.routes()).containsExactly(new RouteConfig(
        "gangway.samples.bookstore.v1.Bookstore.ListShelves", Duration.ofSeconds(2)));
    assertThat(config.transcoding()).isEqualTo(TranscoderOptions.builder()
        .autoMapping(false)
        .unknownQueryParameters(UnknownInput.IGNORE)
        .unknownBodyFields(UnknownInput.IGNORE)
        .ignoredQueryParameters(Set.of("api_key", "callback"))
        .queryPlusAsSpace(true)
        .pathBodyConflict(PathBodyConflict.REJECT_DIFFERENT)
        .jsonFieldNames(JsonFieldNames.PROTO_NAME)
        .emitDefaultValues(true)
        .enumsAsNumbers(true)
        .build());
    assertThat(config.headers().forward()).containsExactlyInAnyOrder("x-request-id", "x-tenant-id");
    assertThat(config.headers().maxMetadataBytes()).isEqualTo(16 << 10);
    assertThat(config.limits()).isEqualTo(new LimitsConfig(100, 200, 10, 50, 4 << 10, 64L << 20,
        32 << 10, 8, 16, 64 << 10, 40, 1000));
    assertThat(config.staticFiles()).as("directories resolve against the config file's directory")
        .containsExactly(new StaticConfig("/demo/", dir.resolve("web")));
  }

  @Test
  void backendDefaults() throws ConfigException, IOException {
    BackendConfig backend = load(VALID.resolve("env.yaml"), Map.of("GW_BIND", "::", "GW_HOST",
        "h")).backends().get(0);

    assertThat(backend.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(backend.maxMessageBytes()).isEqualTo(4 << 20);
    assertThat(backend.loadBalancing()).isEqualTo(LoadBalancing.ROUND_ROBIN);
    assertThat(backend.tls()).isEmpty();
    assertThat(backend.keepalive()).isEmpty();
  }

  @Test
  void substitutesVariablesAndDefaults() throws ConfigException {
    Map<String, String> env = Map.of("GW_BIND", "127.0.0.2", "GW_HOST", "backend.local",
        "GW_IDLE", "", "GW_EMPTY", "");
    Path file = VALID.resolve("env.yaml");

    GatewayConfig config = load(file, env);

    assertThat(config.server().bind()).isEqualTo("127.0.0.2");
    assertThat(config.server().port()).isEqualTo(8082);
    assertThat(config.server().idleTimeout())
        .as("an empty variable takes the default, as in a shell")
        .isEqualTo(Duration.ofSeconds(45));
    assertThat(config.descriptors().paths())
        .containsExactly(file.toAbsolutePath().getParent().resolve("protos/set.binpb"));
    assertThat(config.backends().get(0).name()).isEqualTo("main");
    assertThat(config.backends().get(0).target()).isEqualTo("backend.local:50051");
    assertThat(config.transcoding().ignoredQueryParameters())
        .containsExactlyInAnyOrder("${GW_HOST}", "a$$b", "was empty");
  }

  @Test
  void variablesOverrideDefaults() throws ConfigException {
    Map<String, String> env = Map.of("GW_BIND", "0.0.0.0", "GW_HOST", "h", "GW_PORT", "0",
        "GW_BACKEND_NAME", "books", "GW_BACKEND_PORT", "9000", "GW_DESCRIPTORS", "/srv");

    GatewayConfig config = load(VALID.resolve("env.yaml"), env);

    assertThat(config.server().port()).isZero();
    assertThat(config.descriptors().paths()).containsExactly(Path.of("/srv/set.binpb"));
    assertThat(config.backends().get(0).name()).isEqualTo("books");
    assertThat(config.backends().get(0).target()).isEqualTo("h:9000");
  }

  @Test
  void relativePathsResolveAgainstTheFilesDirectory(@TempDir Path tmp) throws Exception {
    Path sub = Files.createDirectories(tmp.resolve("etc/gangway"));
    Files.writeString(sub.resolve("ca.pem"), "x");
    Path file = sub.resolve("gangway.yaml");
    Files.writeString(file, String.join("\n",
        "descriptors: {paths: [sets, ../shared/, " + tmp.resolve("abs.binpb") + "]}",
        "backends:",
        "  - {name: a, services: ['*'], target: 'localhost:1', tls: {ca: ca.pem}}",
        ""));

    GatewayConfig config = load(file, Map.of());

    assertThat(config.descriptors().paths()).containsExactly(
        sub.resolve("sets"), tmp.resolve("etc/shared"), tmp.resolve("abs.binpb"));
    assertThat(config.backends().get(0).tls().orElseThrow().caFile())
        .contains(sub.resolve("ca.pem"));
  }

  @Test
  void missingFileIsNamed() {
    Path file = DIR.resolve("nope.yaml");

    assertThatThrownBy(() -> load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void loadReadsTheFileAgain(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("gangway.yaml");
    Files.writeString(file, "server: {port: 1}\n");
    ConfigLoader loader = new ConfigLoader(Optional.of(file), CliOverrides.NONE, n -> null);
    assertThat(loader.load().server().port()).isEqualTo(1);

    Files.writeString(file, "server: {port: 2}\n");

    assertThat(loader.load().server().port()).isEqualTo(2);
    assertThat(loader.file()).contains(file);
  }

  @TestFactory
  Stream<DynamicTest> invalidFilesStopWithAMessageNamingTheKey() throws IOException {
    JsonNode table = new YAMLMapper().readTree(DIR.resolve("invalid-cases.yaml").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode row : table) {
      Path file = INVALID.resolve(row.get("file").asText());
      Map<String, String> env = new HashMap<>();
      row.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
      String expected = file + ": " + row.get("error").asText()
          .replace("{dir}", file.toAbsolutePath().getParent().toString());
      tests.add(dynamicTest(row.get("file").asText(), () ->
          assertThatThrownBy(() -> load(file, env))
              .isInstanceOf(ConfigException.class)
              .hasMessage(expected)));
    }
    return tests.stream();
  }

  @Test
  void everyInvalidFileIsInTheTable() throws IOException {
    JsonNode table = new YAMLMapper().readTree(DIR.resolve("invalid-cases.yaml").toFile());
    List<String> listed = new ArrayList<>();
    table.forEach(row -> listed.add(row.get("file").asText()));
    try (Stream<Path> files = Files.list(INVALID)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(listed);
    }
  }
}
