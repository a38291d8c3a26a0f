package dev.gangway.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped {@code target/gangway.jar} run as its own JVM with the given JVM flags (a small
 * {@code -Xmx}, say) and config file: what only a separate process shows, such as its exit code
 * and what it prints when the heap runs out. Output (stdout and stderr together) is collected by
 * a daemon thread; every wait is bounded.
 *
 * <p>Thread-safe for reading the output while the process runs.
 */
public final class GatewayProcess implements AutoCloseable {
  /** The jar {@code mvn package} builds before the integration tests run. */
  public static final Path JAR = Path.of("target/gangway.jar");

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  /** The output has ended (guarded by {@code lines}). */
  private boolean ended;

  private GatewayProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "gangway-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static GatewayProcess start(List<String> jvmFlags, Path config) throws IOException {
    return run(jvmFlags, List.of("--config", config.toAbsolutePath().toString()));
  }

  /** The jar with a command line of its own ({@code validate --config ...}, say). */
  public static GatewayProcess run(List<String> jvmFlags, List<String> args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with"
          + " mvn verify, which packages it first");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(args);
    return new GatewayProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // The process ended.
    } finally {
      synchronized (lines) {
        ended = true;
        lines.notifyAll();
      }
    }
  }

  /** Everything printed so far. */
  public List<String> output() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The first group of the first line matching {@code pattern}, waiting up to {@code seconds}. */
  public String await(Pattern pattern, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (lines) {
      while (true) {
        for (String line : lines) {
          Matcher m = pattern.matcher(line);
          if (m.find()) {
            return m.groupCount() > 0 ? m.group(1) : line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended) {
          throw new AssertionError("no line matching " + pattern + " within " + seconds
              + " s; output:\n" + String.join("\n", lines));
        }
        lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
      }
    }
  }

  /** The exit code, waiting up to {@code seconds} (then the process is killed and this fails). */
  public int exitCode(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not exit within " + seconds + " s; output:\n"
          + String.join("\n", output()));
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
