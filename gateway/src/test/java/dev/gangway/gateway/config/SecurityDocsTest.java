package dev.gangway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** docs/security.md stays true: its example configurations load, and the four named ones exist. */
class SecurityDocsTest {
  static final Path DOC = Path.of("../docs/security.md");

  @TempDir Path tmp;

  @Test
  void theFourExamplesTheGuidePromisesAreThere() throws IOException {
    String doc = Files.readString(DOC);

    for (String heading : List.of("#### A SPA on another origin with JWT",
        "#### A partner with an API key and a quota", "#### A partner with mTLS",
        "#### Internal callers only")) {
      assertThat(doc).contains("\n" + heading + "\n");
    }
  }

  @TestFactory
  List<DynamicTest> everyExampleLoads() throws IOException {
    String doc = Files.readString(DOC);
    List<DynamicTest> tests = new ArrayList<>();
    // The examples of the access guide (the TLS sections have their own).
    int start = doc.indexOf("```yaml\n", doc.indexOf("\n## Who may call what"));
    while (start >= 0) {
      int from = start + "```yaml\n".length();
      String yaml = doc.substring(from, doc.indexOf("```", from));
      String heading = doc.substring(doc.lastIndexOf("\n#### ", start) + 6,
          doc.indexOf('\n', doc.lastIndexOf("\n#### ", start) + 6));
      tests.add(DynamicTest.dynamicTest(heading, () -> {
        Path file = Files.writeString(tmp.resolve(heading.replace(' ', '-') + ".yaml"), yaml);
        GatewayConfig config = new ConfigLoader(Optional.of(file), CliOverrides.NONE,
            Map.<String, String>of()::get).load();
        assertThat(config.auth().providers()).isNotEmpty();
      }));
      start = doc.indexOf("```yaml\n", from);
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
    return tests;
  }
}
