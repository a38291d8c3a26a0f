package dev.gangway.benchmarks.peer;

import dev.gangway.benchmarks.ProcessCpu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One server JVM of the peer benchmark, pinned to the server core with {@code taskset}, and its
 * CPU time as the kernel counts it ({@code utime + stime} of {@code /proc/<pid>/stat}, all threads,
 * JIT and GC included) and its threads' voluntary context switches.
 *
 * <p>Not thread-safe; owned by {@link PeerBenchmark}, which closes it.
 */
final class ServerProcess implements AutoCloseable {
  static final long CLOCK_TICKS = ProcessCpu.CLOCK_TICKS;

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java jvmOptions -cp classpath mainAndArgs} on {@code cpu} and waits until its
   * output has a line containing {@code ready} (60 s at most).
   */
  static ServerProcess start(String name, String cpu, List<String> jvmOptions, String classpath,
      List<String> mainAndArgs, String ready, Path logDir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("taskset", "-c", cpu,
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.addAll(mainAndArgs);
    Path log = logDir.resolve(name + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ServerProcess server = new ServerProcess(name, process, log);
    CompletableFuture<Boolean> started = new CompletableFuture<>();
    Thread pump = new Thread(() -> server.pump(ready, started), name + "-output");
    pump.setDaemon(true);
    pump.start();
    try {
      if (!started.get(60, TimeUnit.SECONDS)) {
        throw new IOException(name + " exited before it was ready; see " + log);
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      server.close();
      throw new IOException(name + " not ready within 60 s; see " + log, e);
    }
    return server;
  }

  private void pump(String ready, CompletableFuture<Boolean> started) {
    try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        if (line.contains(ready)) {
          started.complete(true);
        }
      }
    } catch (IOException e) {
      started.completeExceptionally(e);
    }
    started.complete(false);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  /** User plus system CPU time of the whole process so far, in clock ticks. */
  long cpuTicks() throws IOException {
    return ProcessCpu.ticks(process.pid());
  }

  /**
   * Voluntary context switches of all the process's threads so far: each is a thread going to
   * sleep to wait (for a socket, a task queue, a lock), so each is a wake-up later. Threads that
   * ended are not counted; the servers' threads live as long as they do.
   */
  long voluntaryContextSwitches() throws IOException {
    long switches = 0;
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      for (Path task : tasks) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (NoSuchFileException e) {
          // the thread ended while we listed them
        }
      }
    }
    return switches;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
