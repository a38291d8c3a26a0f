package dev.gangway.gateway.cli;

import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ServicePatterns;
import dev.gangway.gateway.problems.Problem;
import dev.gangway.gateway.problems.ProblemCounts;
import dev.gangway.gateway.problems.ProblemKind;
import dev.gangway.gateway.problems.SnapshotProblems;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code gangway validate} reports: the route table (HTTP method, template, gRPC method,
 * backend) and every problem of a configuration with its descriptors. {@link ReportText} and
 * {@link ReportJson} print it.
 *
 * <p>Immutable. Rows are sorted and problems come in a fixed order, so the report is the same on
 * every run and for every order of the descriptor files.
 *
 * @param routes one row per served route, sorted by template, HTTP method, then gRPC method
 * @param problems {@link SnapshotProblems} (what every snapshot build logs too), then the first
 *     composite problem
 */
record ValidationReport(List<Row> routes, List<Problem> problems) {
  static final String NO_BACKEND = "(no backend)";

  ValidationReport {
    routes = List.copyOf(routes);
    problems = List.copyOf(problems);
  }

  /** One line of the route table. */
  record Row(String httpMethod, String template, String grpcMethod, String backend) {}

  static ValidationReport of(GatewayConfig config, Transcoder transcoder) {
    return of(config, transcoder, new CompositeCheck(List.of(), java.util.Optional.empty()));
  }

  /** With the composite routes as rows ({@code composite NAME}) and their problem, if any. */
  static ValidationReport of(
      GatewayConfig config, Transcoder transcoder, CompositeCheck composites) {
    ServicePatterns patterns = ServicePatterns.of(config.backends());
    List<Row> rows = new ArrayList<>();
    for (MethodRoute route : transcoder.routes()) {
      String service = route.method().getService().getFullName();
      String backend = patterns.backendFor(service).map(BackendConfig::name).orElse(NO_BACKEND);
      rows.add(new Row(route.binding().httpMethod(), route.binding().template().format(),
          route.grpcMethodName(), backend));
    }
    for (CompositePlan plan : composites.plans()) {
      String backends = plan.calls().stream()
          .map(c -> c.bound().backendName().orElse(NO_BACKEND)).distinct()
          .collect(Collectors.joining(","));
      rows.add(new Row(plan.httpMethod(), plan.template().format(),
          "composite " + plan.name(), backends));
    }
    rows.sort(Comparator.comparing(Row::template).thenComparing(Row::httpMethod)
        .thenComparing(Row::grpcMethod));
    List<Problem> problems = new ArrayList<>(SnapshotProblems.of(config, transcoder));
    composites.problem().ifPresent(p -> problems.add(new Problem(ProblemKind.COMPOSITE, p)));
    return new ValidationReport(rows, problems);
  }

  /** This report with {@code more} problems of one kind after its own. */
  ValidationReport withProblems(ProblemKind kind, List<String> more) {
    List<Problem> all = new ArrayList<>(problems);
    more.forEach(text -> all.add(new Problem(kind, text)));
    return new ValidationReport(routes, all);
  }

  ProblemCounts counts() {
    return ProblemCounts.of(problems);
  }

  /** {@code 3 routes, 2 problems (1 HTTP rule, 1 service without a backend)}. */
  String summary() {
    return routes.size() + (routes.size() == 1 ? " route, " : " routes, ") + counts().describe();
  }
}
