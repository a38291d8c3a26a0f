package dev.gangway.gateway.problems;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.config.ServicePatterns;
import dev.gangway.transcoder.MethodRoute;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.LoadProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every problem of a configuration with the transcoder built from it: descriptor sets that did
 * not load, HTTP rules left out, route conflicts, services no backend serves, route settings for
 * unknown methods. {@code gangway validate} prints this list and each snapshot build logs it, so
 * the two always agree.
 *
 * <p>Stateless and thread-safe; runs at load time.
 */
public final class SnapshotProblems {
  private SnapshotProblems() {}

  /** The problems in {@link ProblemKind} order, each kind in the order it was found. */
  public static List<Problem> of(GatewayConfig config, Transcoder transcoder) {
    List<Problem> problems = new ArrayList<>();
    List<LoadProblem> descriptorProblems = transcoder.descriptors().problems();
    descriptorProblems.forEach(p -> problems.add(
        new Problem(ProblemKind.DESCRIPTOR_SET, p.toString())));
    // The transcoder lists the descriptor problems first, then those of rules and bindings.
    transcoder.problems().subList(descriptorProblems.size(), transcoder.problems().size())
        .forEach(p -> problems.add(new Problem(ProblemKind.HTTP_RULE, p.toString())));
    transcoder.conflicts().forEach(c -> problems.add(
        new Problem(ProblemKind.ROUTE_CONFLICT, c.toString())));
    for (String service : unservedServices(config, transcoder)) {
      problems.add(new Problem(ProblemKind.NO_BACKEND, service + ": no backend serves this"
          + " service (list it, its package.* or * in a backend's services)"));
    }
    problems.addAll(unknownRouteMethods(config.routes(), transcoder));
    return List.copyOf(problems);
  }

  /** Services with routes that no backend pattern names, sorted. */
  public static Set<String> unservedServices(GatewayConfig config, Transcoder transcoder) {
    ServicePatterns patterns = ServicePatterns.of(config.backends());
    Set<String> unserved = new TreeSet<>();
    for (MethodRoute route : transcoder.routes()) {
      String service = route.method().getService().getFullName();
      if (patterns.backendFor(service).isEmpty()) {
        unserved.add(service);
      }
    }
    return unserved;
  }

  private static List<Problem> unknownRouteMethods(
      List<RouteConfig> routes, Transcoder transcoder) {
    Set<String> known = new HashSet<>();
    for (ServiceDescriptor service : transcoder.descriptors().services()) {
      for (MethodDescriptor method : service.getMethods()) {
        known.add(method.getFullName());
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      String method = routes.get(i).method();
      if (!known.contains(method)) {
        problems.add(new Problem(ProblemKind.ROUTE_SETTING, "routes[" + i + "].method: " + method
            + " is not a method of any loaded service"));
      }
    }
    return problems;
  }
}
