package dev.gangway.gateway.cli;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.gateway.compose.CompositePlan;
import dev.gangway.gateway.config.BackendConfig;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.config.ServicePatterns;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code gangway validate} prints: the route table (HTTP method, template, gRPC method,
 * backend) and every problem of a configuration with its descriptors.
 *
 * <p>Immutable.
 *
 * @param routes one row per served route, sorted by template then HTTP method
 * @param problems descriptor and rule problems, route conflicts, services without a backend,
 *     route settings for unknown methods and the first composite problem, in that order
 */
record ValidationReport(List<Row> routes, List<String> problems) {
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
    Set<String> unserved = new TreeSet<>();
    for (MethodRoute route : transcoder.routes()) {
      String service = route.method().getService().getFullName();
      String backend = patterns.backendFor(service).map(BackendConfig::name).orElse(NO_BACKEND);
      if (backend.equals(NO_BACKEND)) {
        unserved.add(service);
      }
      rows.add(new Row(route.binding().httpMethod(), route.binding().template().format(),
          route.grpcMethodName(), backend));
    }
    for (CompositePlan plan : composites.plans()) {
      String backends = plan.calls().stream()
          .map(c -> c.bound().backendName().orElse(NO_BACKEND)).distinct()
          .collect(java.util.stream.Collectors.joining(","));
      rows.add(new Row(plan.httpMethod(), plan.template().format(),
          "composite " + plan.name(), backends));
    }
    rows.sort(Comparator.comparing(Row::template).thenComparing(Row::httpMethod)
        .thenComparing(Row::grpcMethod));
    List<String> problems = new ArrayList<>();
    transcoder.problems().forEach(p -> problems.add(p.toString()));
    transcoder.conflicts().forEach(c -> problems.add(c.toString()));
    for (String service : unserved) {
      problems.add(service + ": no backend serves this service (list it, its package.* or * "
          + "in a backend's services)");
    }
    problems.addAll(unknownRouteMethods(config.routes(), transcoder));
    composites.problem().ifPresent(problems::add);
    return new ValidationReport(rows, problems);
  }

  private static List<String> unknownRouteMethods(List<RouteConfig> routes, Transcoder transcoder) {
    Set<String> known = new HashSet<>();
    for (ServiceDescriptor service : transcoder.descriptors().services()) {
      for (MethodDescriptor method : service.getMethods()) {
        known.add(method.getFullName());
      }
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      String method = routes.get(i).method();
      if (!known.contains(method)) {
        problems.add("routes[" + i + "].method: " + method
            + " is not a method of any loaded service");
      }
    }
    return problems;
  }

  /** This report with {@code more} problems after its own. */
  ValidationReport withProblems(List<String> more) {
    List<String> all = new ArrayList<>(problems);
    all.addAll(more);
    return new ValidationReport(routes, all);
  }

  /** Prints the table with aligned columns, then the problems. */
  void print(PrintWriter out) {
    out.println(routes.size() + (routes.size() == 1 ? " route:" : " routes:"));
    int[] widths = new int[3];
    for (Row row : routes) {
      widths[0] = Math.max(widths[0], row.httpMethod().length());
      widths[1] = Math.max(widths[1], row.template().length());
      widths[2] = Math.max(widths[2], row.grpcMethod().length());
    }
    for (Row row : routes) {
      out.println("  " + pad(row.httpMethod(), widths[0]) + "  " + pad(row.template(), widths[1])
          + "  " + pad(row.grpcMethod(), widths[2]) + "  " + row.backend());
    }
    if (problems.isEmpty()) {
      out.println("no problems");
    } else {
      out.println(problems.size() + (problems.size() == 1 ? " problem:" : " problems:"));
      problems.forEach(p -> out.println("  " + p));
    }
    out.flush();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
