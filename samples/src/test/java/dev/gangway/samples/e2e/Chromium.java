package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium for browser tests, driven over the DevTools protocol ({@link DevTools}):
 * started with a fresh profile in a temporary directory and a DevTools port the browser picks,
 * which it writes to {@code <profile>/DevToolsActivePort}. {@link #close()} kills the browser and
 * every process it started and deletes the profile.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's {@code chromium} package). Without it the test is
 * skipped, unless the system property {@value #REQUIRED_PROPERTY} is {@code true} (as on CI),
 * which makes it fail instead.
 *
 * <p>Not thread-safe to start or close; {@link #newTab()} may be called from any thread.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final String REQUIRED_PROPERTY = "gangway.browser.required";
  /** A cold browser start on a busy 2-core machine, with room to spare. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path profile;
  private final Process process;
  private final DevTools devTools;

  private Chromium(Path profile, Process process, DevTools devTools) {
    this.profile = profile;
    this.process = process;
    this.devTools = devTools;
  }

  /**
   * Skips the calling test (a JUnit assumption) when there is no browser, or fails it when
   * {@value #REQUIRED_PROPERTY} is {@code true}.
   */
  static void assumeInstalled() {
    assumeInstalled(BINARY, Boolean.getBoolean(REQUIRED_PROPERTY));
  }

  static void assumeInstalled(Path binary, boolean required) {
    if (Files.isExecutable(binary)) {
      return;
    }
    String why = binary + " is missing: install the Debian package chromium"
        + " (apt-get install -y chromium) to run the browser tests";
    if (required) {
      fail(why + " (" + REQUIRED_PROPERTY + "=true)");
    }
    Assumptions.abort(why + "; skipped (" + REQUIRED_PROPERTY + " is not true)");
  }

  /** Starts a browser and connects to its DevTools endpoint. */
  static Chromium start() throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("gangway-chromium-");
    Process process = null;
    try {
      process = new ProcessBuilder(List.of(BINARY.toString(),
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank"))
          .redirectErrorStream(true)
          .redirectOutput(profile.resolve("chromium.log").toFile())
          .start();
      URI endpoint = awaitEndpoint(profile, process);
      return new Chromium(profile, process, DevTools.connect(endpoint));
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      stop(process);
      delete(profile);
      throw e;
    }
  }

  /** The browser's DevTools WebSocket, from the port file it writes once it listens. */
  private static URI awaitEndpoint(Path profile, Process process)
      throws IOException, InterruptedException {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (Files.isRegularFile(portFile)) {
        List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
        // Written as "PORT\nPATH\n"; a half-written file is read again.
        if (lines.size() >= 2 && !lines.get(1).isBlank()) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        }
      }
      if (!process.isAlive()) {
        throw new IOException("chromium exited with " + process.exitValue() + ": " + log(profile));
      }
      Thread.sleep(50);
    }
    throw new IOException("chromium wrote no " + portFile + " within " + START_TIMEOUT + ": "
        + log(profile));
  }

  private static String log(Path profile) {
    try {
      List<String> lines =
          Files.readAllLines(profile.resolve("chromium.log"), StandardCharsets.ISO_8859_1);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** A new tab on {@code about:blank}, with its own DevTools session. */
  BrowserTab newTab() {
    String targetId = devTools.send(null, "Target.createTarget",
        DevTools.params().put("url", "about:blank")).path("targetId").asText();
    String sessionId = devTools.send(null, "Target.attachToTarget",
        DevTools.params().put("targetId", targetId).put("flatten", true))
        .path("sessionId").asText();
    return new BrowserTab(devTools, sessionId);
  }

  /** Kills the browser and its child processes and deletes the profile directory. */
  @Override
  public void close() {
    try {
      devTools.close();
    } finally {
      stop(process);
      delete(profile);
    }
  }

  private static void stop(Process process) {
    if (process == null) {
      return;
    }
    // Renderers, the GPU and zygote processes first: they would outlive a killed browser.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // A child that does not go within 10s is reported by the OS, not by this test.
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the browser profile " + dir, e);
    }
  }
}
