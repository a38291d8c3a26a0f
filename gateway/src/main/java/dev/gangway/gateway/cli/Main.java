package dev.gangway.gateway.cli;

import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.reload.BuildFailure;
import dev.gangway.gateway.reload.SnapshotException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code gangway} command: runs the gateway until the process is asked to stop;
 * {@code gangway validate} checks a configuration without serving; {@code gangway hash-key}
 * makes an API key and its hash.
 *
 * <p>Not thread-safe; one instance per command line. Exit codes are listed in the help and in
 * docs/configuration.md.
 *
 * <pre>
 * java -jar gateway/target/gangway.jar --config gangway.yaml
 * java -jar gateway/target/gangway.jar --port 0 --backend '*=localhost:50051'
 * java -jar gateway/target/gangway.jar validate --config gangway.yaml
 * java -jar gateway/target/gangway.jar hash-key
 * java -jar gateway/target/gangway.jar protos protos/
 * </pre>
 */
@Command(
    name = "gangway",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = "Serves gRPC services as REST/JSON, following google.api.http rules.%n"
        + "Flags override the config file; the file overrides the defaults.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped normally; validate found no problem; --help, --version",
      "1:the gateway could not start; validate found problems",
      "2:bad command line; validate: the configuration is invalid",
      "3:ran out of memory while starting (give the JVM more heap); validate could not run",
      "130/143:stopped by SIGINT/SIGTERM (the JVM's convention)"
    })
public final class Main implements Callable<Integer> {
  /** Exit code when the gateway could not start or validation found problems. */
  static final int FAILED = 1;
  /** Exit code for an invalid configuration in {@code validate} (picocli uses it for usage too). */
  static final int INVALID_CONFIG = 2;
  /**
   * Exit code when the start ran out of memory, or {@code validate} could not run at all: not
   * "could not start" or "problems found", since more heap, not a config change, is the fix.
   */
  static final int OUT_OF_MEMORY = 3;

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  private final CliContext context;

  Main(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    routeJavaUtilLoggingToSlf4j();
    System.exit(commandLine(CliContext.system()).execute(args));
  }

  /**
   * grpc-java and parts of Netty log through java.util.logging; sending those records to SLF4J
   * gives one format and one configuration (logback.xml). The entry point does it, not the
   * library, because it changes process-wide logging.
   */
  public static void routeJavaUtilLoggingToSlf4j() {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
  }

  /** The command tree, ready to {@code execute}. */
  static CommandLine commandLine(CliContext context) {
    CommandLine line = new CommandLine(new Main(context));
    line.addSubcommand("validate", new ValidateCommand(context));
    line.addSubcommand("hash-key", new HashKeyCommand());
    line.addSubcommand("protos", new ProtosCommand());
    return line;
  }

  /** Starts the gateway and blocks until the shutdown action has closed it. */
  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    AtomicReference<AutoCloseable> running = new AtomicReference<>();
    AtomicBoolean shuttingDown = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    // Registered before start, so that a signal during start-up still closes what it opened: the
    // hook or this thread, whichever takes the server out of `running` first, closes it.
    context.onShutdown().accept(() -> {
      shuttingDown.set(true);
      stop(running.getAndSet(null));
      stopped.countDown();
    });
    try {
      running.set(context.launcher().start(options.loader(context.env())));
      if (shuttingDown.get()) {
        stop(running.getAndSet(null));
      }
    } catch (ConfigException e) {
      err.println("config error: " + e.getMessage());
      err.flush();
      return FAILED;
    } catch (SnapshotException | IOException e) {
      err.println("startup failed: " + describe(e));
      err.flush();
      return FAILED;
    } catch (OutOfMemoryError e) {
      // One line, no stack trace: GatewayServer.start has released what it built, so printing
      // has the heap again.
      err.println("startup failed: " + BuildFailure.describe(e));
      err.flush();
      return OUT_OF_MEMORY;
    } catch (StackOverflowError e) {
      err.println("startup failed: " + BuildFailure.describe(e));
      err.flush();
      return FAILED;
    }
    stopped.await();
    return 0;
  }

  private static void stop(AutoCloseable server) {
    if (server == null) {
      return;
    }
    log.info("stopping");
    try {
      server.close();
    } catch (Exception e) {
      log.warn("error while stopping: {}", describe(e));
    }
  }

  static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
