package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.GatewayProcess;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.SyntheticApi;
import dev.gangway.gateway.testing.TestDescriptorSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of heap, as only a separate JVM shows it: {@code gangway.jar} with a small
 * {@code -Xmx} and a descriptor set generated here (80,000 HTTP rules in 8,000 files, about 8 MB)
 * that does not fit in it. A start ends with one line and exit code 3; a hot reload to it is
 * refused up front by the heap estimate, seen on {@code /admin/status}, while the snapshot it
 * would have replaced keeps serving; {@code validate} on it could not run: one line, exit code 3
 * (not 1, "problems found").
 */
class GatewayHeapIT {
  private static final int SERVICES = 8_000;
  private static final int METHODS = 10;
  /** A JVM start on a busy 2-core machine, with room to spare. */
  private static final long START_SECONDS = 120;

  @TempDir Path dir;

  private Path config(Path descriptors, boolean watch) throws Exception {
    return Files.writeString(dir.resolve("gangway.yaml"), String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 1}",
        "admin: {bind: 127.0.0.1, port: 0}",
        "descriptors: {paths: ['" + descriptors + "'], watch: " + watch + ","
            + " poll_interval: 200ms}",
        "backends:",
        "  - {name: all, services: ['*'], target: '127.0.0.1:1'}",
        ""));
  }

  @Test
  void aStartThatRunsOutOfHeapEndsWithOneLineAndExitCode3() throws Exception {
    Path big = SyntheticApi.write(dir.resolve("big.binpb"), "heap.big", SERVICES, METHODS);

    try (GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx48m"), config(big, false))) {
      int code = gateway.exitCode(START_SECONDS);

      List<String> output = gateway.output();
      assertThat(code).as(String.join("\n", output)).isEqualTo(3);
      assertThat(output).filteredOn(l -> l.startsWith("startup failed: ")).singleElement()
          .asString().startsWith("startup failed: out of memory (")
          .contains("max heap ").endsWith("give the JVM more heap (-Xmx), see"
              + " docs/operations.md \"Heap sizing\"");
      assertThat(output).as("no stack trace").noneMatch(l -> l.startsWith("\tat ")
          || l.startsWith("Exception in thread"));
    }
  }

  @Test
  void aValidateThatRunsOutOfHeapCouldNotRunAndExitsWith3() throws Exception {
    Path big = SyntheticApi.write(dir.resolve("big.binpb"), "heap.big", SERVICES, METHODS);

    try (GatewayProcess validate = GatewayProcess.run(List.of("-Xmx48m"),
        List.of("validate", "--config", config(big, false).toAbsolutePath().toString()))) {
      int code = validate.exitCode(START_SECONDS);

      List<String> output = validate.output();
      assertThat(code).as(String.join("\n", output)).isEqualTo(3);
      assertThat(output).filteredOn(l -> l.startsWith("validate could not run: "))
          .singleElement().asString().startsWith("validate could not run: out of memory (")
          .endsWith("give the JVM more heap (-Xmx), see docs/operations.md \"Heap sizing\"");
      assertThat(output).as("no stack trace, no report").noneMatch(l -> l.startsWith("\tat ")
          || l.startsWith("Exception in thread") || l.contains("problems ("));
    }
  }

  @Test
  void aReloadThatCannotFitIsRefusedUpFrontAndTheServingSnapshotStays() throws Exception {
    Path descriptors = dir.resolve("api.binpb");
    Files.write(descriptors, TestDescriptorSets.shelves("heap.small", "v1"));

    try (GatewayProcess gateway =
        GatewayProcess.start(List.of("-Xmx64m"), config(descriptors, true))) {
      Http admin = new Http(Integer.parseInt(gateway.await(
          Pattern.compile("admin on http://127\\.0\\.0\\.1:(\\d+)"), START_SECONDS)));
      Path big = SyntheticApi.write(dir.resolve("big.tmp"), "heap.big", SERVICES, METHODS);
      Files.move(big, descriptors, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);

      Await.until("the reload to be refused",
          () -> Http.json(admin.get("/admin/status").body()).get("reloads").get("failures")
              .asInt() > 0,
          () -> admin.get("/admin/status").body());

      JsonNode status = Http.json(admin.get("/admin/status").body());
      assertThat(status.get("reloads").get("lastFailure").get("message").asText())
          .startsWith("refused up front: building it needs about ")
          .contains("give the JVM more heap (-Xmx)");
      assertThat(status.get("generation").asLong()).isEqualTo(1);
      assertThat(admin.get("/admin/routes").body()).contains("heap.small.Shelves")
          .doesNotContain("heap.big");
      assertThat(gateway.output()).anyMatch(l -> l.contains(
          "reload rejected, generation 1 keeps serving: refused up front"));
    }
  }
}
