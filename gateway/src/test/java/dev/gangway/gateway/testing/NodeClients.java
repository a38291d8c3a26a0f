package dev.gangway.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm clients of {@code src/test/js} (pinned by its package-lock.json), installed with
 * {@code npm ci} into {@code target/js-clients} on first use and again only when the lock file
 * changes, and scripts run there with {@code node}. Works on a fresh clone with Node.js and the
 * npm registry; the download is cached in npm's own cache ({@code ~/.npm}).
 *
 * <p>Without {@code node} and {@code npm} on the PATH the test is skipped, unless
 * {@value #REQUIRED_PROPERTY} is true ({@code .ci/run} sets it), when it fails.
 */
public final class NodeClients {
  static final String REQUIRED_PROPERTY = "gangway.node.required";
  private static final Path SOURCE = Path.of("src/test/js");
  private static final Path INSTALL = Path.of("target/js-clients");
  private static final long INSTALL_MINUTES = 5;
  private static final long RUN_SECONDS = 120;

  private NodeClients() {}

  /** Skips (or, when required, fails) the test without node and npm; installs the clients. */
  public static synchronized void install() throws IOException, InterruptedException {
    if (!onPath("node") || !onPath("npm")) {
      String why = "node and npm are needed on the PATH for the gRPC-Web and Connect clients";
      if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why + "; skipped (" + REQUIRED_PROPERTY + " is not true)");
    }
    Files.createDirectories(INSTALL);
    byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
    Path installedLock = INSTALL.resolve("package-lock.json");
    boolean current = Files.isDirectory(INSTALL.resolve("node_modules"))
        && Files.exists(installedLock)
        && java.util.Arrays.equals(lock, Files.readAllBytes(installedLock));
    try (var files = Files.list(SOURCE)) {
      for (Path file : files.toList()) {
        Files.copy(file, INSTALL.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!current) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), INSTALL_MINUTES * 60);
    }
  }

  /** Runs {@code node script args...} in the install directory; its standard output's lines. */
  public static List<String> node(String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return run(command, RUN_SECONDS);
  }

  private static List<String> run(List<String> command, long seconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("node-out", ".txt");
    Path err = Files.createTempFile("node-err", ".txt");
    try {
      Process process = new ProcessBuilder(command).directory(INSTALL.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within " + seconds + "s; stderr: "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(command + " exited with " + process.exitValue() + "; stderr: "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return Files.readAllLines(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
