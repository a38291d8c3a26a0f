package dev.gangway.transcoder.internal.routing;

import dev.gangway.transcoder.routing.RouteConflict;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.ShapeVisitor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects routes into a mutable trie and freezes it into {@link RouteNode}s, resolving routes
 * that share method, verb and path shape.
 *
 * <p>Not thread-safe; confined to the code that builds a {@link RouteTable}. Every route is kept
 * until {@link #freeze} so the winner of a conflict is chosen from all candidates at once, which
 * makes it independent of insertion order.
 *
 * @param <T> the route value
 */
final class RouteTrieBuilder<T> {
  private final Comparator<Candidate<T>> precedence;
  private final Function<? super T, String> describe;
  private final MutableNode<T> root = new MutableNode<>();
  private final Set<String> verbs = new HashSet<>();
  private int sequence;

  RouteTrieBuilder(Comparator<? super T> precedence, Function<? super T, String> describe) {
    this.describe = describe;
    // Ties of the caller's order fall back to the description, never to insertion order.
    Comparator<Candidate<T>> byValue = (a, b) -> precedence.compare(a.value(), b.value());
    this.precedence = byValue.thenComparing(c -> describe.apply(c.value()));
  }

  /** One added route, numbered in insertion order (used only to list served routes). */
  record Candidate<T>(String httpMethod, PathTemplate template, T value, int sequence) {}

  /** The trie, conflicts, verbs and served routes, all frozen. */
  record Frozen<T>(RouteNode<T> root, Set<String> verbs, List<T> routes,
      List<RouteConflict> conflicts) {}

  void add(String httpMethod, PathTemplate template, T value) {
    Cursor<T> cursor = new Cursor<>(root, template);
    template.visitShape(cursor);
    String verb = template.verb().orElse("");
    if (!verb.isEmpty()) {
      verbs.add(verb);
    }
    cursor.node.candidates
        .computeIfAbsent(verb, v -> new LinkedHashMap<>())
        .computeIfAbsent(httpMethod, m -> new ArrayList<>())
        .add(new Candidate<>(httpMethod, template, value, sequence++));
  }

  Frozen<T> freeze() {
    List<Candidate<T>> served = new ArrayList<>();
    List<RouteConflict> conflicts = new ArrayList<>();
    RouteNode<T> frozenRoot = freeze(root, served, conflicts);
    served.sort(Comparator.comparingInt(Candidate::sequence));
    conflicts.sort(Comparator.comparing(RouteConflict::httpMethod)
        .thenComparing(RouteConflict::template)
        .thenComparing(RouteConflict::winner)
        .thenComparing(RouteConflict::loser));
    return new Frozen<>(frozenRoot, Set.copyOf(verbs),
        served.stream().map(Candidate::value).toList(), List.copyOf(conflicts));
  }

  private RouteNode<T> freeze(
      MutableNode<T> node, List<Candidate<T>> served, List<RouteConflict> conflicts) {
    Map<String, RouteNode<T>> literals = new HashMap<>();
    node.literals.forEach((text, child) -> literals.put(text, freeze(child, served, conflicts)));
    RouteNode<T> wildcard = node.wildcard == null ? null : freeze(node.wildcard, served, conflicts);
    RouteNode<T> deep =
        node.deepWildcard == null ? null : freeze(node.deepWildcard, served, conflicts);
    Map<String, Map<String, T>> terminals = new HashMap<>();
    node.candidates.forEach((verb, byMethod) -> {
      Map<String, T> methods = new HashMap<>();
      byMethod.forEach((method, candidates) ->
          methods.put(method, winner(candidates, served, conflicts).value()));
      terminals.put(verb, Map.copyOf(methods));
    });
    return new RouteNode<>(literals, wildcard, deep, terminals, suffixLengths(node));
  }

  /**
   * For a {@code **} node: the lengths of its literal suffixes that end in routes, longest first
   * (a longer literal suffix is the more specific route); empty for other nodes.
   */
  private static <T> int[] suffixLengths(MutableNode<T> node) {
    if (!node.isDeepWildcard) {
      return new int[0];
    }
    java.util.TreeSet<Integer> lengths = new java.util.TreeSet<>(Comparator.reverseOrder());
    collectSuffixLengths(node, 0, lengths);
    lengths.remove(0);
    return lengths.stream().mapToInt(Integer::intValue).toArray();
  }

  private static <T> void collectSuffixLengths(
      MutableNode<T> node, int depth, java.util.Set<Integer> lengths) {
    if (!node.candidates.isEmpty()) {
      lengths.add(depth);
    }
    node.literals.values().forEach(child -> collectSuffixLengths(child, depth + 1, lengths));
  }

  private Candidate<T> winner(
      List<Candidate<T>> candidates, List<Candidate<T>> served, List<RouteConflict> conflicts) {
    List<Candidate<T>> ranked = new ArrayList<>(candidates);
    ranked.sort(precedence);
    Candidate<T> winner = ranked.get(0);
    served.add(winner);
    for (Candidate<T> loser : ranked.subList(1, ranked.size())) {
      conflicts.add(new RouteConflict(loser.httpMethod(), loser.template().format(),
          describe.apply(winner.value()), describe.apply(loser.value())));
    }
    return winner;
  }

  /** A node under construction. */
  private static final class MutableNode<T> {
    final Map<String, MutableNode<T>> literals = new LinkedHashMap<>();
    MutableNode<T> wildcard;
    MutableNode<T> deepWildcard;
    boolean isDeepWildcard;
    final Map<String, Map<String, List<Candidate<T>>>> candidates = new LinkedHashMap<>();
  }

  /** Walks (and grows) the trie along a template's shape. */
  private static final class Cursor<T> implements ShapeVisitor {
    private final PathTemplate template;
    MutableNode<T> node;
    private boolean afterDeepWildcard;

    Cursor(MutableNode<T> start, PathTemplate template) {
      this.node = start;
      this.template = template;
    }

    @Override
    public void literal(String value) {
      // Literals may follow '**' (the EXTENDED syntax): they form the '**' node's suffix trie.
      node = node.literals.computeIfAbsent(value, v -> new MutableNode<>());
    }

    @Override
    public void wildcard() {
      checkNotAfterDeepWildcard();
      if (node.wildcard == null) {
        node.wildcard = new MutableNode<>();
      }
      node = node.wildcard;
    }

    @Override
    public void deepWildcard() {
      checkNotAfterDeepWildcard();
      if (node.deepWildcard == null) {
        node.deepWildcard = new MutableNode<>();
        node.deepWildcard.isDeepWildcard = true;
      }
      node = node.deepWildcard;
      afterDeepWildcard = true;
    }

    private void checkNotAfterDeepWildcard() {
      if (afterDeepWildcard) {
        // The parser never produces this; a hand-built PathTemplate can.
        throw new IllegalArgumentException("template " + template.format()
            + ": only literal segments and the verb may follow '**'");
      }
    }
  }
}
