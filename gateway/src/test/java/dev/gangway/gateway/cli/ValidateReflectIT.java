package dev.gangway.gateway.cli;

import static dev.gangway.gateway.cli.ValidateCommandTest.lines;
import static dev.gangway.gateway.cli.ValidateCommandTest.validate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.testing.ReflectingBackend;
import dev.gangway.gateway.testing.ReflectingBackend.Reflection;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gangway validate --reflect} against real grpc-java servers: one serving reflection, one
 * without; the dropped-in file drifts from what the first serves.
 */
class ValidateReflectIT {
  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path tmp;
  Path config;

  @BeforeEach
  void writeConfig() throws Exception {
    Path sets = Files.createDirectories(tmp.resolve("sets"));
    ReflectingBackend.writeDriftedCopy(sets.resolve("echo.binpb"));
    ReflectingBackend echo = servers.own(ReflectingBackend.start(Reflection.V1));
    ReflectingBackend mute = servers.own(ReflectingBackend.start(Reflection.NONE));
    config = Files.writeString(tmp.resolve("gangway.yaml"), String.join("\n",
        "descriptors: {paths: [sets/]}",
        "backends:",
        "  - name: echo",
        "    services: [gangway.gwtest.v1.EchoService]",
        "    target: '" + echo.target() + "'",
        "    reflection: {timeout: 10s}",
        "  - name: mute",
        "    services: [gangway.gwtest.v1.OrphanService]",
        "    target: '" + mute.target() + "'",
        "    reflection: {}",
        ""));
  }

  @Test
  void listsTheDriftAndTheBackendsThatCouldNotBeReflected() throws IOException {
    CliRun run = validate("validate", "--config", config.toString(), "--reflect",
        "--problems-only");

    assertThat(run.err()).isEmpty();
    assertThat(lines(run.out())).containsExactly(
        "31 routes, 3 problems (1 backend not reflected, 2 drifts from backends)",
        "backends not reflected (1):",
        "backend \"mute\": the backend serves neither [grpc.reflection.v1.ServerReflection,"
            + " grpc.reflection.v1alpha.ServerReflection] (UNIMPLEMENTED): it does not implement"
            + " server reflection",
        "drifts from backends (2):",
        "backend \"echo\": method removed: gangway.gwtest.v1.EchoService.Ghost (the backend does"
            + " not serve this method)",
        "backend \"echo\": field number changed: gangway.gwtest.v1.EchoRequest.text (7 -> 1)");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void withoutTheFlagNoBackendIsAsked() {
    CliRun run = validate("validate", "--config", config.toString(), "--problems-only");

    assertThat(lines(run.out())).containsExactly("31 routes, no problems");
    assertThat(run.exitCode()).isZero();
  }
}
