package dev.gangway.gateway.compose;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that the calls of a composite form a directed acyclic graph (an edge from a call to each
 * call whose result it reads), so every call can start once its inputs have arrived.
 *
 * <p>Stateless; setup code.
 */
final class CallGraph {
  private static final int NEW = 0;
  private static final int ON_PATH = 1;
  private static final int DONE = 2;

  private CallGraph() {}

  /**
   * @throws CompositeException naming the first call (in configuration order) on a cycle and the
   *     cycle: {@code a -> b -> a}, where {@code ->} reads "reads the result of"
   */
  static void checkAcyclic(String composite, List<CallPlan> calls) throws CompositeException {
    int[] state = new int[calls.size()];
    for (CallPlan call : calls) {
      Deque<Integer> path = new ArrayDeque<>();
      List<Integer> cycle = visit(call.index(), calls, state, path);
      if (cycle != null) {
        String names = cycle.stream().map(i -> calls.get(i).name())
            .collect(Collectors.joining(" -> "));
        throw new CompositeException("composite \"" + composite + "\", call \""
            + calls.get(cycle.get(0)).name() + "\": dependency cycle " + names);
      }
    }
  }

  /** Depth-first; returns the cycle (first node repeated at the end) when it finds one. */
  private static List<Integer> visit(
      int index, List<CallPlan> calls, int[] state, Deque<Integer> path) {
    if (state[index] == DONE) {
      return null;
    }
    if (state[index] == ON_PATH) {
      List<Integer> onPath = List.copyOf(path); // last visited first
      java.util.ArrayList<Integer> cycle = new java.util.ArrayList<>();
      for (int i = onPath.size() - 1; i >= 0; i--) {
        cycle.add(onPath.get(i));
      }
      cycle = new java.util.ArrayList<>(cycle.subList(cycle.indexOf(index), cycle.size()));
      cycle.add(index);
      return cycle;
    }
    state[index] = ON_PATH;
    path.push(index);
    for (int next : calls.get(index).dependsOn()) {
      List<Integer> cycle = visit(next, calls, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.pop();
    state[index] = DONE;
    return null;
  }
}
