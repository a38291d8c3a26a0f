package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CliOverridesTest {
  static final Path FULL = Path.of("src/test/resources/config/valid/full.yaml");

  static CliOverrides flags(Integer port, String bind, List<Path> descriptors,
      List<String> backends, Integer adminPort) {
    return new CliOverrides(Optional.ofNullable(port), Optional.ofNullable(bind), descriptors,
        backends, Optional.ofNullable(adminPort));
  }

  static GatewayConfig load(Optional<Path> file, CliOverrides flags) throws ConfigException {
    return new ConfigLoader(file, flags, n -> null).load();
  }

  @Test
  void flagsOverrideTheFile() throws ConfigException {
    GatewayConfig fromFile = load(Optional.of(FULL), CliOverrides.NONE);

    GatewayConfig config = load(Optional.of(FULL),
        flags(0, "::1", List.of(Path.of("/srv/sets")), List.of(), 9999));

    assertThat(config.server().port()).isZero();
    assertThat(config.server().bind()).isEqualTo("::1");
    assertThat(config.admin().port()).isEqualTo(9999);
    assertThat(config.admin().bind()).isEqualTo(fromFile.admin().bind());
    assertThat(config.descriptors().paths()).containsExactly(Path.of("/srv/sets"));
    assertThat(config.descriptors().watch()).isEqualTo(fromFile.descriptors().watch());
    assertThat(config.server().ioThreads()).isEqualTo(fromFile.server().ioThreads());
    assertThat(config.backends()).isEqualTo(fromFile.backends());
    assertThat(config.transcoding()).isEqualTo(fromFile.transcoding());
  }

  @Test
  void flagsWithoutFileOverrideTheDefaults() throws ConfigException {
    GatewayConfig config = load(Optional.empty(), flags(0, null, List.of(), List.of(), -1));

    assertThat(config.server())
        .isEqualTo(ServerConfig.DEFAULT.toBuilder().port(0).build());
    assertThat(config.admin().enabled()).isFalse();
    assertThat(config.descriptors()).isEqualTo(ConfigLoaderTest.DEFAULTS.descriptors());
  }

  @Test
  void relativeDescriptorFlagsResolveAgainstTheWorkingDirectory() throws ConfigException {
    GatewayConfig config = load(Optional.of(FULL),
        flags(null, null, List.of(Path.of("sets"), Path.of("../x.binpb")), List.of(), null));

    Path cwd = Path.of("").toAbsolutePath();
    assertThat(config.descriptors().paths())
        .containsExactly(cwd.resolve("sets"), cwd.resolve("../x.binpb").normalize());
  }

  @Test
  void backendFlagsAddNumberedBackends() throws ConfigException {
    GatewayConfig config = load(Optional.empty(), flags(null, null, List.of(),
        List.of("gangway.samples.*=localhost:50051", "*=static:///a:1,b:2",
            "a.B=unix:///tmp/s.sock"), null));

    assertThat(config.backends()).containsExactly(
        BackendConfig.of("cli-1", List.of("gangway.samples.*"), "localhost:50051"),
        BackendConfig.of("cli-2", List.of("*"), "static:///a:1,b:2"),
        BackendConfig.of("cli-3", List.of("a.B"), "unix:///tmp/s.sock"));
  }

  @Test
  void backendFlagTakesItsPatternOverFromTheFile() throws ConfigException {
    GatewayConfig config = load(Optional.of(FULL), flags(null, null, List.of(),
        List.of("gangway.samples.*=localhost:1"), null));

    assertThat(config.backends()).extracting(BackendConfig::name)
        .containsExactly("library", "fallback", "cli-1");
    assertThat(config.backends().get(0).services())
        .containsExactly("gangway.samples.bookstore.v1.Bookstore");
    assertThat(ServicePatterns.of(config.backends()).backendFor("gangway.samples.echo.Echo")
        .map(BackendConfig::name)).contains("cli-1");
  }

  @Test
  void targetMayContainEquals() throws ConfigException {
    GatewayConfig config = load(Optional.empty(), flags(null, null, List.of(),
        List.of("*=unix:///tmp/a=b.sock"), null));

    assertThat(config.backends().get(0).target()).isEqualTo("unix:///tmp/a=b.sock");
  }

  @Test
  void badFlagsAreNamed() {
    assertFlagError(flags(70000, null, List.of(), List.of(), null),
        "--port: 70000 is out of range (0 to 65535)");
    assertFlagError(flags(null, null, List.of(), List.of(), -5),
        "--admin-port: -5 is out of range (-1 to 65535)");
    assertFlagError(flags(null, " ", List.of(), List.of(), null),
        "--bind: \" \" is not an address");
    assertFlagError(flags(null, null, List.of(), List.of("localhost:50051"), null),
        "--backend: \"localhost:50051\" is not PATTERN=TARGET (e.g. \"pkg.*=localhost:50051\")");
    assertFlagError(flags(null, null, List.of(), List.of("a.*.B=localhost:1"), null),
        "--backend: \"a.*.B\" is not a service pattern (use pkg.Service, pkg.* or *)");
    assertFlagError(flags(null, null, List.of(), List.of("*="), null),
        "--backend: target must not be empty");
    assertFlagError(flags(null, null, List.of(), List.of("*=static:///a"), null),
        "--backend: target \"static:///a\" lists \"a\", which is not host:port");
    assertFlagError(flags(null, null, List.of(), List.of("*=a:1", "*=b:1"), null),
        "--backend: \"*\" is given twice");
  }

  @Test
  void flagValuesAreNotSubstituted() throws ConfigException {
    GatewayConfig config = new ConfigLoader(Optional.empty(),
        flags(null, "${HOST}", List.of(), List.of(), null), n -> "x").load();

    assertThat(config.server().bind()).isEqualTo("${HOST}");
  }

  @Test
  void backendFlagMustNotReuseAFileBackendsName(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path file = tmp.resolve("g.yaml");
    java.nio.file.Files.writeString(file,
        "backends: [{name: cli-1, services: [a.B], target: 'h:1'}]\n");

    assertThatThrownBy(() -> load(Optional.of(file),
        flags(null, null, List.of(), List.of("*=h:2"), null)))
        .hasMessage("--backend: the config file already has a backend named \"cli-1\""
            + " (names cli-<n> are for --backend)");
  }

  static void assertFlagError(CliOverrides flags, String message) {
    assertThatThrownBy(() -> load(Optional.empty(), flags))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
