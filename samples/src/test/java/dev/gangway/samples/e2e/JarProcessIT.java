package dev.gangway.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped artifact: {@code gateway/target/gangway.jar} run as its own process with flags
 * only (no config file) in front of the Bookstore sample, found through the
 * {@code listening on http://HOST:PORT} line it prints, then stopped with SIGTERM.
 */
class JarProcessIT {
  private static final Path JAR = Path.of("../gateway/target/gangway.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  /** A JVM start on a busy 2-core machine, with room to spare. */
  private static final long START_SECONDS = 60;
  private static final String END = "\u0000end of output";

  @Test
  void jarServesTheBookstoreWithFlagsOnly(@TempDir Path workDir) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      fail(JAR.toAbsolutePath().normalize() + " does not exist; build it first"
          + " (mvn -B -q install -DskipTests from the repository root)");
    }
    try (RunningSamples samples =
        SampleServers.builder().backends(SampleBackend.BOOKSTORE).start()) {
      List<String> command = List.of(
          ProcessHandle.current().info().command().orElse("java"),
          "-jar", JAR.toAbsolutePath().toString(),
          "--port", "0",
          "--admin-port", "0",
          "--descriptors", GatewayHarness.SAMPLE_DESCRIPTORS.toAbsolutePath().toString(),
          "--backend", SampleBackend.BOOKSTORE.serviceName() + "="
              + samples.target(SampleBackend.BOOKSTORE));
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .start();
      BlockingQueue<String> output = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> readLines(process, output), "gangway-jar-output");
      reader.setDaemon(true);
      reader.start();
      StringBuilder seen = new StringBuilder();
      try {
        URI base = awaitListening(output, seen);

        JsonNode body = Json.ok(GatewayHarness.send(GatewayHarness.client(),
            HttpRequest.newBuilder(base.resolve("/v1/shelves"))
                .timeout(GatewayHarness.REQUEST_TIMEOUT).GET().build()));

        assertThat(Json.texts(body.path("shelves"), "name"))
            .containsExactly("shelves/fiction", "shelves/science");
      } finally {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      // SIGTERM: the JVM's exit code for it, after an orderly stop (documented as 143).
      assertThat(process.exitValue()).as("exit code; output:%n%s", seen).isEqualTo(143);
    }
  }

  /** Reads lines until {@code listening on http://HOST:PORT}; fails with the output otherwise. */
  private static URI awaitListening(BlockingQueue<String> output, StringBuilder seen)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : output.poll(left, TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        return fail("the gateway did not print \"listening on http://HOST:PORT\" within %ss"
            + " (or exited); output:%n%s", START_SECONDS, seen);
      }
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return connectable(m.group(1));
      }
    }
  }

  /**
   * The printed URL, which must be one (an IPv6 literal in brackets), with a wildcard bind
   * address replaced by loopback, where the test can connect.
   */
  private static URI connectable(String printed) {
    URI uri = URI.create(printed);
    assertThat(uri.getHost()).as("host of the printed URL %s", printed).isNotNull();
    assertThat(uri.getPort()).as("port of the printed URL %s", printed).isPositive();
    String host = uri.getHost();
    boolean wildcard = host.equals("0.0.0.0") || host.equals("[::]")
        || host.equals("[0:0:0:0:0:0:0:0]");
    return URI.create("http://" + (wildcard ? "127.0.0.1" : host) + ":" + uri.getPort());
  }

  /** Copies the process's output to the queue, line by line, then {@link #END}. */
  private static void readLines(Process process, BlockingQueue<String> output) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      // The process was destroyed while we read: its output ends here.
      if (process.isAlive()) {
        throw new UncheckedIOException(e);
      }
    } finally {
      output.add(END);
    }
  }
}
