package dev.gangway.gateway.cli;

import dev.gangway.gateway.cli.ValidationReport.Row;
import dev.gangway.gateway.problems.Problem;
import dev.gangway.gateway.problems.ProblemKind;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code gangway validate}'s text output: the summary line first, then the problems grouped by
 * kind with their counts, then (unless problems only) the route table.
 *
 * <pre>
 * 3 routes, 1 problem (1 service without a backend)
 * services without a backend (1):
 *   gangway.other.Pings: no backend serves this service (...)
 * routes (3):
 *   POST  /gangway.other.Pings/Ping  gangway.other.Pings/Ping  (no backend)
 * </pre>
 *
 * <p>Stateless. Columns are aligned to the widest value up to {@link #MAX_COLUMN} characters; a
 * longer value overflows its column instead of padding every row of a big API to its width.
 */
final class ReportText {
  static final int MAX_COLUMN = 64;

  private ReportText() {}

  static void print(ValidationReport report, boolean problemsOnly, PrintWriter out) {
    out.println(report.summary());
    for (ProblemKind kind : ProblemKind.values()) {
      List<Problem> ofKind =
          report.problems().stream().filter(p -> p.kind() == kind).toList();
      if (!ofKind.isEmpty()) {
        out.println(kind.heading() + " (" + ofKind.size() + "):");
        ofKind.forEach(p -> out.println("  " + p.text()));
      }
    }
    if (!problemsOnly) {
      printRoutes(report.routes(), out);
    }
    out.flush();
  }

  private static void printRoutes(List<Row> routes, PrintWriter out) {
    out.println("routes (" + routes.size() + "):");
    int[] widths = new int[3];
    for (Row row : routes) {
      widths[0] = Math.max(widths[0], row.httpMethod().length());
      widths[1] = Math.max(widths[1], Math.min(MAX_COLUMN, row.template().length()));
      widths[2] = Math.max(widths[2], Math.min(MAX_COLUMN, row.grpcMethod().length()));
    }
    StringBuilder line = new StringBuilder();
    for (Row row : routes) {
      line.setLength(0);
      line.append("  ");
      pad(line, row.httpMethod(), widths[0]);
      pad(line, row.template(), widths[1]);
      pad(line, row.grpcMethod(), widths[2]);
      line.append(row.backend());
      out.println(line);
    }
  }

  /** The text, then spaces up to the width, then two spaces between columns. */
  private static void pad(StringBuilder line, String text, int width) {
    line.append(text);
    for (int i = text.length(); i < width; i++) {
      line.append(' ');
    }
    line.append("  ");
  }
}
