package dev.gangway.gateway.admin;

import dev.gangway.gateway.access.AccessRoutePolicy;

import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.compose.CallPlan;
import dev.gangway.gateway.compose.CompositePlan;
import java.time.Duration;
import java.util.List;

/**
 * One composite route as the admin API shows it.
 *
 * <p>Immutable.
 *
 * @param timeout the overall deadline, e.g. {@code 2s}
 * @param calls in configuration order
 * @param access who may call it and its rate limits
 */
record CompositeJson(
    String name, String httpMethod, String template, String timeout, List<CallJson> calls,
    AccessJson access) {

  static CompositeJson of(CompositePlan plan, RuntimeSnapshot snapshot) {
    return new CompositeJson(plan.name(), plan.httpMethod(), plan.template().format(),
        format(plan.timeout()), plan.calls().stream().map(c -> CallJson.of(c, plan)).toList(),
        AccessJson.of(AccessRoutePolicy.of(snapshot.policies().policies()).forComposite(plan.name())));
  }

  /**
   * One call of a composite.
   *
   * @param method the method on the wire, {@code pkg.Service/Method}
   * @param backend the backend that serves it, or null when none does
   * @param dependsOn the calls whose results it reads
   * @param forEach the repeated field it runs once per element of, or null
   * @param timeout its cap: its own timeout, at most the method's route or backend timeout
   */
  record CallJson(String name, String method, String backend, List<String> dependsOn,
      String forEach, boolean optional, String timeout) {
    static CallJson of(CallPlan call, CompositePlan plan) {
      return new CallJson(call.name(), call.grpcMethodName(),
          call.bound().backendName().orElse(null),
          call.dependsOn().stream().map(i -> plan.calls().get(i).name()).toList(),
          call.forEachText().orElse(null), call.optional(), format(call.cap()));
    }
  }

  private static String format(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
