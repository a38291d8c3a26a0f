package dev.gangway.gateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One execution of the command line in a test: exit code and what went to stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  static CliRun execute(CliContext context, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = Main.commandLine(context);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** A context whose launcher must not be called (validate, help, version). */
  static CliContext noLaunch() {
    return new CliContext(name -> null, config -> {
      throw new AssertionError("nothing may be started");
    }, action -> {});
  }
}
