package dev.gangway.benchmarks.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Profiles the gateway JVM during its measured steps only (after the warm-up), one file per step:
 * async-profiler loaded through {@code jcmd JVMTI.agent_load} ({@code cpu}: collapsed stacks of
 * CPU samples; {@code alloc}: collapsed stacks of allocated bytes), or a JDK Flight Recording with
 * the {@code profile} settings ({@code jfr}: allocation samples, among others).
 *
 * <p>Not thread-safe; used by {@link PeerBenchmark} between steps.
 */
final class GatewayProfiler {
  private final String mode;
  private final Path agent;
  private final Path dir;

  private GatewayProfiler(String mode, Path agent, Path dir) {
    this.mode = mode;
    this.agent = agent;
    this.dir = dir;
  }

  /** From {@code -Dpeer.profile=cpu|alloc|jfr}; none when unset. */
  static GatewayProfiler fromSystemProperties(Path benchmarkJar, Path dir) {
    String mode = System.getProperty("peer.profile", "").trim();
    if (mode.isEmpty()) {
      return null;
    }
    if (!List.of("cpu", "alloc", "jfr").contains(mode)) {
      throw new IllegalArgumentException("peer.profile: cpu, alloc or jfr, not " + mode);
    }
    Path agent = benchmarkJar.getParent().resolve("async-profiler/linux-x64/libasyncProfiler.so");
    return new GatewayProfiler(mode, agent, dir);
  }

  /**
   * Before the warm-up: a first flight recording started and stopped, so that the JVM's one-time
   * JFR set-up (classes, threads, buffers) is not charged to the first measured step.
   */
  void prepare(long pid) throws IOException, InterruptedException {
    if (mode.equals("jfr")) {
      jcmd(pid, "JFR.start", "name=setup", "settings=profile");
      jcmd(pid, "JFR.stop", "name=setup");
    }
  }

  void start(long pid) throws IOException, InterruptedException {
    switch (mode) {
      case "cpu" -> agent(pid, "start,event=cpu,interval=499us,cstack=vm");
      case "alloc" -> agent(pid, "start,event=alloc");
      default -> jcmd(pid, "JFR.start", "name=peer", "settings=profile");
    }
  }

  /** Stops and writes the profile of the step just run; returns its file. */
  Path stop(long pid, String step) throws IOException, InterruptedException {
    Path file = dir.resolve("gangway-" + step + "." + (mode.equals("jfr") ? "jfr" : "collapsed"));
    if (mode.equals("jfr")) {
      jcmd(pid, "JFR.stop", "name=peer", "filename=" + file);
    } else {
      agent(pid, "stop,file=" + file + ",collapsed");
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("no profile written to " + file + "; see the gateway's log");
    }
    return file;
  }

  /** Loads the agent with these options; quoted, since jcmd would split them at '='. */
  private void agent(long pid, String options) throws IOException, InterruptedException {
    jcmd(pid, "JVMTI.agent_load", agent.toString(), "\"" + options + "\"");
  }

  private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
    line.addAll(List.of(command));
    Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0
        || out.contains("rror") || out.contains("failed")) {
      throw new IOException(String.join(" ", line) + ": " + out);
    }
  }
}
