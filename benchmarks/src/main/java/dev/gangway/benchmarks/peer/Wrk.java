package dev.gangway.benchmarks.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Debian's {@code wrk} (one thread, a fixed number of keep-alive connections, a fixed
 * duration) and reads its summary: requests, elapsed time, p50 and p99. A non-2xx answer or a
 * socket error fails the step, so an error page is never a figure.
 *
 * <p>Immutable; each {@link #run} starts its own process.
 */
final class Wrk {
  private static final Pattern REQUESTS =
      Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

  private final int connections;
  private final Path postScript;

  Wrk(int connections, Path postScript) {
    this.connections = connections;
    this.postScript = postScript;
  }

  /** Writes the wrk script that POSTs {@code body} as JSON. */
  static Path writePostScript(Path dir, byte[] body) throws IOException {
    Path bodyFile = dir.resolve("order.json");
    Files.write(bodyFile, body);
    Path script = dir.resolve("post-order.lua");
    Files.writeString(script, "wrk.method = \"POST\"\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
        + "local f = io.open(\"" + bodyFile + "\", \"rb\")\n"
        + "wrk.body = f:read(\"*a\")\n"
        + "f:close()\n");
    return script;
  }

  LoadResult run(String url, boolean post, int seconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections,
        "-d" + seconds + "s", "--latency", "--timeout", "5s"));
    if (post) {
      command.add("-s");
      command.add(postScript.toString());
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
      throw new IOException("wrk failed on " + url + ":\n" + out);
    }
    if (out.contains("Non-2xx") || out.contains("Socket errors")) {
      throw new IOException("errors from " + url + ":\n" + out);
    }
    Matcher requests = REQUESTS.matcher(out);
    if (!requests.find()) {
      throw new IOException("no request count in wrk's output:\n" + out);
    }
    double p50 = -1;
    double p99 = -1;
    Matcher percentile = PERCENTILE.matcher(out);
    while (percentile.find()) {
      double micros = micros(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = micros;
      } else {
        p99 = micros;
      }
    }
    if (p50 < 0 || p99 < 0) {
      throw new IOException("no latency distribution in wrk's output:\n" + out);
    }
    return new LoadResult(Long.parseLong(requests.group(1)),
        micros(Double.parseDouble(requests.group(2)), requests.group(3)) / 1e6, p50, p99);
  }

  private static double micros(double value, String unit) {
    return switch (unit) {
      case "us" -> value;
      case "ms" -> value * 1e3;
      case "s" -> value * 1e6;
      case "m" -> value * 60e6;
      default -> throw new IllegalArgumentException(unit);
    };
  }
}
