package dev.gangway.transcoder.internal.routing;

import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.routing.HttpBinding;
import java.util.List;

/**
 * What {@link HttpRuleReader} found: the bindings to serve and the rules it had to leave out.
 *
 * <p>Immutable.
 *
 * @param bindings every servable binding, by service, method, then binding index, with the
 *     auto-mapping last for each method
 * @param problems one per rule left out, the subject being the method's full name
 */
public record RuleReadResult(List<HttpBinding> bindings, List<LoadProblem> problems) {
  public RuleReadResult {
    bindings = List.copyOf(bindings);
    problems = List.copyOf(problems);
  }
}
