package dev.gangway.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.ConfigSource;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reload.SnapshotException;
import java.io.IOException;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void helpListsEveryFlagAndExitsZero() {
    CliRun run = CliRun.execute(CliRun.noLaunch(), "--help");

    assertThat(run.out()).contains("Usage: gangway", "--config=FILE", "--port=N", "--bind=ADDR",
        "--descriptors=PATH", "--backend=PATTERN=TARGET", "--admin-port=N", "--version",
        "validate", "Exit codes:");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void validateHelpExitsZero() {
    CliRun run = CliRun.execute(CliRun.noLaunch(), "validate", "--help");

    assertThat(run.out()).contains("Usage: gangway validate", "--config=FILE");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void versionFallsBackToDevOutsideTheJar() {
    CliRun run = CliRun.execute(CliRun.noLaunch(), "--version");

    assertThat(run.out()).isEqualTo("gangway dev\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void unknownFlagIsAUsageError() {
    CliRun run = CliRun.execute(CliRun.noLaunch(), "--prot", "8080");

    assertThat(run.err()).contains("Unknown options: '--prot', '8080'");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void nonNumericPortIsAUsageError() {
    CliRun run = CliRun.execute(CliRun.noLaunch(), "--port", "http");

    assertThat(run.err()).contains("Invalid value for option '--port': 'http' is not an int");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void runsUntilTheShutdownActionThenClosesTheServer() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<ConfigSource> given = new AtomicReference<>();
    AtomicBoolean closed = new AtomicBoolean();
    List<Runnable> shutdownActions = new CopyOnWriteArrayList<>();
    CliContext context = new CliContext(name -> null, config -> {
      given.set(config);
      started.countDown();
      return () -> closed.set(true);
    }, shutdownActions::add);

    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.execute(context,
        "--port", "0", "--backend", "*=localhost:50051", "--admin-port", "-1"));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(run).isNotDone();
    assertThat(closed).isFalse();
    shutdownActions.forEach(Runnable::run);
    CliRun result = run.get(10, TimeUnit.SECONDS);

    assertThat(result.exitCode()).isZero();
    assertThat(closed).isTrue();
    GatewayConfig config = given.get().load();
    assertThat(config.server().port()).isZero();
    assertThat(config.admin().enabled()).isFalse();
    assertThat(config.backends()).hasSize(1);
    assertThat(given.get().file()).isEmpty();
  }

  @Test
  void configErrorAtStartIsOneLineAndExitOne() {
    CliRun run = CliRun.execute(launching(config -> {
      config.load();
      throw new AssertionError("the config is invalid");
    }), "--port", "70000");

    assertThat(run.err()).isEqualTo("config error: --port: 70000 is out of range (0 to 65535)\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void portInUseIsOneLineAndExitOne() {
    CliRun run = CliRun.execute(launching(config -> {
      throw new BindException("Address already in use: 0.0.0.0:8080");
    }));

    assertThat(run.err()).isEqualTo("startup failed: Address already in use: 0.0.0.0:8080\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void snapshotErrorIsOneLineAndExitOne() {
    CliRun run = CliRun.execute(launching(config -> {
      throw new SnapshotException("no descriptor set could be loaded from descriptors");
    }));

    assertThat(run.err())
        .isEqualTo("startup failed: no descriptor set could be loaded from descriptors\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void exceptionWithoutMessageIsNamedByItsType() {
    CliRun run = CliRun.execute(launching(config -> {
      throw new IOException();
    }));

    assertThat(run.err()).isEqualTo("startup failed: IOException\n");
  }

  @Test
  void shutdownDuringAFailedStartDoesNothing() {
    List<Runnable> actions = new CopyOnWriteArrayList<>();
    CliContext context = new CliContext(name -> null, config -> {
      throw new ConfigException("bad");
    }, actions::add);

    CliRun run = CliRun.execute(context);
    actions.forEach(Runnable::run);

    assertThat(run.exitCode()).isEqualTo(1);
  }

  static CliContext launching(CliContext.Launcher launcher) {
    return new CliContext(name -> null, launcher, action -> {});
  }
}
