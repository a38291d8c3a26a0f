package dev.gangway.samples;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Runs every sample backend until the process is killed, for the demo.
 *
 * <pre>
 * java dev.gangway.samples.SamplesMain [--bind=127.0.0.1] [--instance=samples]
 *                                      [--bookstore=50051] [--catalog=50052] [--pricing=50053]
 *                                      [--reviews=50054] [--diagnostics=50055] [--live=50056]
 * </pre>
 *
 * <p>Prints one line per server, e.g. {@code bookstore listening on 127.0.0.1:50051}; a port of 0
 * picks a free one. Exit status 2 on bad arguments, 1 when a port cannot be bound.
 */
public final class SamplesMain {

  private SamplesMain() {}

  public static void main(String[] args) throws InterruptedException {
    SampleServers servers;
    try {
      servers = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("samples: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    RunningSamples running;
    try {
      running = servers.start();
    } catch (IOException e) {
      System.err.println("samples: " + e.getMessage()
          + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "samples-shutdown"));
    print(running, System.out);
    running.awaitTermination();
  }

  /** The servers that {@code args} describe: demo ports unless overridden. */
  static SampleServers parse(String[] args) {
    SampleServers.Builder builder = SampleServers.builder().demoPorts();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("unexpected argument \"" + arg + "\"");
      }
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      if (name.equals("bind")) {
        builder.bindHost(value);
      } else if (name.equals("instance")) {
        builder.instanceName(value);
      } else {
        builder.port(backend(name), port(name, value));
      }
    }
    return builder.build();
  }

  static void print(RunningSamples running, PrintStream out) {
    for (SampleBackend backend : running.backends()) {
      out.println(backend.label() + " listening on " + running.target(backend));
    }
    out.flush();
  }

  private static SampleBackend backend(String name) {
    for (SampleBackend backend : SampleBackend.values()) {
      if (backend.label().equals(name)) {
        return backend;
      }
    }
    throw new IllegalArgumentException("unknown option --" + name);
  }

  private static int port(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": \"" + value + "\" is not a port");
    }
  }

  private static String usage() {
    StringBuilder usage = new StringBuilder("usage: SamplesMain [--bind=HOST] [--instance=NAME]");
    for (SampleBackend backend : SampleBackend.values()) {
      usage.append(" [--").append(backend.label()).append('=').append(backend.demoPort()).append(']');
    }
    return usage.toString();
  }
}
