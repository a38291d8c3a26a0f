package dev.gangway.gateway.cli;

import dev.gangway.gateway.GatewayServer;
import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.reload.SnapshotException;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the commands take from the process: the environment, how a gateway is started, and how
 * they hear about shutdown. Tests pass their own, so no test touches the real environment, starts
 * a JVM shutdown hook or needs a real server to check the CLI.
 *
 * <p>Immutable.
 *
 * @param env environment lookup for {@code ${VAR}} in the config file (null = unset)
 * @param launcher starts a gateway
 * @param onShutdown registers an action to run when the process is asked to stop
 */
record CliContext(
    Function<String, String> env, Launcher launcher, Consumer<Runnable> onShutdown) {

  CliContext {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(onShutdown, "onShutdown");
  }

  /** The real process: {@code System.getenv}, {@link GatewayServer#start}, a JVM shutdown hook. */
  static CliContext system() {
    return new CliContext(
        System::getenv,
        GatewayServer::start,
        action -> Runtime.getRuntime().addShutdownHook(new Thread(action, "gangway-shutdown")));
  }

  /** Starts a gateway from a configuration source; closing the result stops it. */
  @FunctionalInterface
  interface Launcher {
    AutoCloseable start(ConfigSource config)
        throws ConfigException, SnapshotException, IOException;
  }
}
