package dev.gangway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.problems.ProblemKind;
import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.SyntheticApi;
import dev.gangway.gateway.testing.TestDescriptorSets;
import dev.gangway.gateway.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A hot reload logs the problems {@code gangway validate} reports for the same files: the same
 * summary (counts by kind), then the problems themselves in the same order, as many as the log
 * shows one per line before it counts the rest. A real gateway is reloaded; validate runs on its
 * config file afterwards.
 */
class ReloadProblemsIT {
  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  @Test
  void aReloadLogsTheSummaryAndProblemsValidateReports() throws Exception {
    EchoBackend echo = servers.backend("echo");
    Path descriptors = Files.createDirectories(dir.resolve("descriptors"));
    Files.write(descriptors.resolve("a.binpb"), TestDescriptorSets.shelves("probs.ok", "ok"));
    Path config = Files.writeString(dir.resolve("gangway.yaml"), String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 1}",
        "admin: {port: -1}",
        "descriptors: {paths: ['" + descriptors + "'], watch: false}",
        "backends:",
        "  - {name: ok, services: [probs.ok.Shelves, probs.s0.Svc], target: '" + echo.target()
            + "'}",
        ""));
    GatewayServer gateway = servers.own(GatewayServer.start(AccessConfigs.source(config)));
    // Problems arrive with the reload: 29 services no backend serves (s1 to s29), and a route
    // conflict plus one more unserved service in the rivals' set.
    SyntheticApi.write(descriptors.resolve("b.binpb"), "probs", 30, 2);
    Files.write(descriptors.resolve("c.binpb"),
        TestDescriptorSets.shelvesWithRivals("probs.rivals", "rivals"));

    List<String> logged = logDuring(() -> assertThat(gateway.reloadNow().swapped()).isTrue());

    CliRun text = ValidateCommandTest.validate("validate", "--config", config.toString());
    CliRun json = ValidateCommandTest.validate(
        "validate", "--config", config.toString(), "--format", "json", "--problems-only");
    assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
    String summary = text.out().lines().findFirst().orElseThrow();
    List<String> problems = new ArrayList<>();
    for (JsonNode p : new ObjectMapper().readTree(json.out()).get("problems")) {
      ProblemKind kind = Arrays.stream(ProblemKind.values())
          .filter(k -> k.key().equals(p.get("kind").asText())).findFirst().orElseThrow();
      problems.add(kind.heading() + ": " + p.get("message").asText());
    }
    assertThat(problems).hasSize(31);

    List<String> expected = new ArrayList<>();
    expected.add("snapshot 2: " + summary.replaceFirst(" routes, ",
        " routes from 3 descriptor set(s), "));
    expected.addAll(problems.subList(0, 20));
    expected.add("snapshot 2: and 11 more new problem(s) (all on /admin/status)");
    assertThat(logged).containsExactlyElementsOf(expected);
    assertThat(summary).endsWith("31 problems (1 route conflict, 30 services without a backend)");
  }

  /** What {@link DefaultSnapshotFactory} logs while {@code action} runs. */
  private static List<String> logDuring(ThrowingRunnable action) throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(DefaultSnapshotFactory.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      action.run();
    } finally {
      log.detachAppender(appender);
    }
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
