package dev.gangway.gateway.cli;

import dev.gangway.gateway.reload.DefaultSnapshotFactory;
import dev.gangway.gateway.config.ConfigException;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.problems.ProblemKind;
import dev.gangway.gateway.reload.BuildFailure;
import dev.gangway.gateway.config.DescriptorsConfig;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import dev.gangway.transcoder.evolution.BreakingChanges;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gangway validate}: loads the configuration and the descriptors, compiles the routes and
 * prints a summary, every problem grouped by kind, and the route table. Opens no listener, and no
 * backend connection unless {@code --reflect} asks for the backends' own descriptors.
 *
 * <p>Not thread-safe; one instance per command line. The problems are the ones every snapshot
 * build logs ({@link dev.gangway.gateway.problems.SnapshotProblems}).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = ManifestVersion.class,
    sortOptions = false,
    description = "Checks the configuration and descriptors; prints a summary, the problems grouped"
        + " by kind and the route table; serves nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no problem",
      "1:problems were found (descriptors, rules, conflicts, services without a backend,"
          + " service patterns matching no service, ports that cannot be bound, breaking"
          + " changes against --against, backends not reflected or drifting with --reflect)",
      "2:the configuration (file or flags) is invalid, or a bad command line",
      "3:validation could not run (out of memory, or an unexpected failure); one line on stderr"
    })
final class ValidateCommand implements Callable<Integer> {
  /** What validate prints. */
  enum Format { TEXT, JSON }

  @ParentCommand Main parent;
  @Spec CommandSpec spec;

  @Option(names = "--problems-only",
      description = "Print the summary and the problems, not the route table.")
  boolean problemsOnly;

  @Option(names = "--format", paramLabel = "text|json", converter = FormatConverter.class,
      description = "Output format (default: text). json: one object with summary, problems and"
          + " routes.")
  Format format = Format.TEXT;

  @Option(names = "--against", paramLabel = "PATH",
      description = "An older descriptor set file or directory (repeatable): also list what the"
          + " configured descriptors break for its clients (removed routes and methods, changed"
          + " field numbers and types, removed enum values, newly required fields).")
  List<Path> against = new ArrayList<>();

  @Option(names = "--reflect",
      description = "Also fetch the descriptors of the backends whose reflection is enabled in the"
          + " configuration (gRPC server reflection, each within its reflection.timeout), merge"
          + " them as the gateway does, and list where the dropped-in files and what each backend"
          + " serves differ (missing methods and services, changed field numbers and types).")
  boolean reflect;

  private final CliContext context;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    GatewayConfig config;
    try {
      config = parent.options.loader(context.env()).load();
    } catch (ConfigException e) {
      err.println("config error: " + e.getMessage());
      err.flush();
      return Main.INVALID_CONFIG;
    }
    try {
      return report(config);
    } catch (RuntimeException | Error | IOException e) {
      // Whatever stops the check (out of memory on a big API, say) is not "problems found".
      err.println("validate could not run: " + BuildFailure.describe(e));
      err.flush();
      return Main.OUT_OF_MEMORY;
    }
  }

  private int report(GatewayConfig config) throws IOException {
    ReflectionCheck reflection = reflect
        ? ReflectionCheck.run(config) : ReflectionCheck.without(config);
    Transcoder transcoder = Transcoder.build(reflection.loaded(), config.transcoderOptions());
    ValidationReport report =
        ValidationReport.of(config, transcoder, CompositeCheck.of(config, transcoder))
            .withProblems(ProblemKind.REFLECTION, reflection.failures())
            .withProblems(ProblemKind.DRIFT, reflection.drift())
            .withProblems(ProblemKind.SERVICE_PATTERN, StartChecks.unmatchedPatterns(config, transcoder))
            .withProblems(ProblemKind.PORT, StartChecks.unbindablePorts(config))
            .withProblems(ProblemKind.BREAKING_CHANGE, breakingChanges(config, transcoder));
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      ReportJson.print(report, problemsOnly, out);
    } else {
      ReportText.print(report, problemsOnly, out);
    }
    return report.problems().isEmpty() ? 0 : Main.FAILED;
  }

  /**
   * What the configured descriptors break for clients of the {@code --against} set, one line
   * each; a problem loading that set is listed too, since nothing can be compared without it.
   */
  private List<String> breakingChanges(GatewayConfig config, Transcoder configured) {
    if (against.isEmpty()) {
      return List.of();
    }
    List<Path> paths = against.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    LoadedDescriptors old = DefaultSnapshotFactory.loadDescriptors(
        new DescriptorsConfig(paths, false, DescriptorsConfig.DEFAULT.pollInterval()));
    List<String> lines = new ArrayList<>();
    for (LoadProblem problem : old.problems()) {
      lines.add("--against: " + problem);
    }
    if (old.sources().isEmpty()) {
      return lines;
    }
    Transcoder served = Transcoder.build(old, config.transcoding());
    BreakingChanges.between(served, configured).forEach(c -> lines.add(c.toString()));
    return lines;
  }

  /** {@code text} or {@code json}, any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not a format (text or json)");
    }
  }
}
