package dev.gangway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gangway protos DIR} writes the imports of annotated services where protoc -I finds them. */
class ProtosCommandTest {
  @TempDir Path tmp;

  @Test
  void writesEveryListedProtoUnderDir() throws IOException {
    Path dir = tmp.resolve("protos");

    CliRun run = CliRun.execute(CliRun.noLaunch(), "protos", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("wrote " + ProtosCommand.FILES.size()
        + " .proto files under " + dir);
    for (String name : ProtosCommand.FILES) {
      assertThat(dir.resolve(name)).as(name).isNotEmptyFile();
    }
    assertThat(Files.readString(dir.resolve("google/api/http.proto"))).contains("message HttpRule");
    assertThat(Files.readString(dir.resolve("google/api/annotations.proto")))
        .contains("import \"google/api/http.proto\";");
  }

  @Test
  void everyImportOfAWrittenFileIsWrittenToo() throws IOException {
    Path dir = tmp.resolve("protos");
    CliRun.execute(CliRun.noLaunch(), "protos", dir.toString());

    for (String name : ProtosCommand.FILES) {
      Files.readAllLines(dir.resolve(name)).stream()
          .filter(l -> l.startsWith("import \""))
          .map(l -> l.substring("import \"".length(), l.lastIndexOf('"')))
          .forEach(imported -> assertThat(ProtosCommand.FILES).as("imported by " + name)
              .contains(imported));
    }
  }

  @Test
  void aDirThatCannotBeWrittenExitsOne() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

    CliRun run = CliRun.execute(CliRun.noLaunch(), "protos", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("cannot write " + file + ": ");
  }
}
