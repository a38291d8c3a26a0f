package dev.gangway.gateway.cli;

import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.transcoder.Transcoder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gangway validate}: loads the configuration and the descriptors, compiles the routes and
 * prints the route table and every problem. Opens no listener and no backend connection.
 *
 * <p>Not thread-safe; one instance per command line.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = ManifestVersion.class,
    description = "Checks the configuration and descriptors, prints the route table and every "
        + "problem; serves nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no problem",
      "1:problems were found (descriptors, rules, conflicts, services without a backend,"
          + " service patterns matching no service, ports that cannot be bound)",
      "2:the configuration (file or flags) is invalid, or a bad command line"
    })
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec CommandSpec spec;

  private final CliContext context;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GatewayConfig config;
    try {
      config = parent.options.loader(context.env()).load();
    } catch (ConfigException e) {
      err.println("config error: " + e.getMessage());
      err.flush();
      return Main.INVALID_CONFIG;
    }
    Transcoder transcoder = Transcoder.build(
        DefaultSnapshotFactory.loadDescriptors(config.descriptors()), config.transcoding());
    ValidationReport report =
        ValidationReport.of(config, transcoder, CompositeCheck.of(config, transcoder))
            .withProblems(StartChecks.unmatchedPatterns(config, transcoder))
            .withProblems(StartChecks.unbindablePorts(config));
    report.print(out);
    return report.problems().isEmpty() ? 0 : Main.FAILED;
  }
}
