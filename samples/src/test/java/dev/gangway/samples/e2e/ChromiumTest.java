package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Whether the browser test runs, skips or fails, without starting a browser. */
class ChromiumTest {
  private static final Path MISSING = Path.of("/nonexistent/chromium");

  @Test
  void aMissingBrowserSkipsTheTestByDefault() {
    assertThatThrownBy(() -> Chromium.assumeInstalled(MISSING, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("/nonexistent/chromium is missing: install the Debian package"
            + " chromium (apt-get install -y chromium) to run the browser tests; skipped"
            + " (gangway.browser.required is not true)");
  }

  @Test
  void aMissingBrowserFailsTheTestWhenRequired() {
    assertThatThrownBy(() -> Chromium.assumeInstalled(MISSING, true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/nonexistent/chromium is missing")
        .hasMessageContaining("(gangway.browser.required=true)");
  }

  @Test
  void anExecutableBrowserRuns() {
    assertThatCode(() -> Chromium.assumeInstalled(Path.of("/bin/sh"), true))
        .doesNotThrowAnyException();
  }
}
