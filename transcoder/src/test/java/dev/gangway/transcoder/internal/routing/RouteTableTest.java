package dev.gangway.transcoder.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gangway.transcoder.routing.MatchResult;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.PathTemplateParser;
import dev.gangway.transcoder.template.Segment;
import dev.gangway.transcoder.template.TemplateSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RouteTableTest {

  record RouteRow(String id, String method, String template, Integer rank) {
    int rankOrZero() {
      return rank == null ? 0 : rank;
    }
  }

  record RequestRow(String method, String path, String expect, List<String> allowed,
      List<String> segments, String verb) {}

  record ConflictRow(String method, String template, String winner, String loser) {}

  record Scenario(String name, List<RouteRow> routes, List<RequestRow> requests,
      List<ConflictRow> conflicts) {}

  private static final Comparator<RouteRow> BY_RANK = Comparator.comparingInt(RouteRow::rankOrZero);

  private static List<Scenario> scenarios() throws IOException {
    try (InputStream in = RouteTableTest.class.getResourceAsStream("/routing/routes.yaml")) {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      return yaml.readValue(in, yaml.getTypeFactory().constructCollectionType(List.class,
          Scenario.class));
    }
  }

  /** The insertion orders every scenario is replayed in. */
  private static Map<String, List<RouteRow>> orders(List<RouteRow> routes) {
    Map<String, List<RouteRow>> orders = new LinkedHashMap<>();
    orders.put("as listed", routes);
    List<RouteRow> reversed = new ArrayList<>(routes);
    Collections.reverse(reversed);
    orders.put("reversed", reversed);
    for (long seed = 1; seed <= 3; seed++) {
      List<RouteRow> shuffled = new ArrayList<>(routes);
      Collections.shuffle(shuffled, new Random(seed));
      orders.put("shuffled " + seed, shuffled);
    }
    return orders;
  }

  private static RouteTable<RouteRow> table(List<RouteRow> routes) throws TemplateSyntaxException {
    RouteTable.Builder<RouteRow> builder = RouteTable.builder(BY_RANK, RouteRow::id);
    for (RouteRow r : routes) {
      builder.add(r.method(),
          PathTemplateParser.parse(r.template(), PathTemplateParser.Syntax.EXTENDED), r);
    }
    return builder.build();
  }

  @TestFactory
  Stream<DynamicNode> routeTableCases() throws IOException {
    return scenarios().stream().map(s -> dynamicContainer(s.name(),
        orders(s.routes()).entrySet().stream().map(order -> dynamicContainer(order.getKey(),
            Stream.concat(
                s.requests().stream().map(r -> dynamicTest(
                    r.method() + " '" + r.path() + "' -> " + r.expect(),
                    () -> checkRequest(table(order.getValue()), r))),
                Stream.of(dynamicTest("conflicts",
                    () -> checkConflicts(table(order.getValue()), s))))))));
  }

  /**
   * Differential: a route is a candidate for a path exactly when a table of that route alone
   * matches the path under its own method (what explain computed before, one table per route).
   */
  @TestFactory
  Stream<DynamicNode> candidatesAreTheRoutesWhoseOwnTableMatchesThePath() throws IOException {
    return scenarios().stream().map(s -> dynamicTest(s.name(), () -> {
      RouteTable<RouteRow> table = table(s.routes());
      for (RequestRow r : s.requests()) {
        List<RouteRow> alone = new ArrayList<>();
        for (RouteRow route : table.routes()) {
          if (table(List.of(route)).match(route.method(), r.path())
              instanceof MatchResult.Matched) {
            alone.add(route);
          }
        }
        assertThat(table.candidates(r.path())).as(r.path())
            .containsExactlyInAnyOrderElementsOf(alone);
      }
    }));
  }

  @Test
  void candidatesComeMostSpecificFirst() throws Exception {
    RouteTable<RouteRow> table = table(List.of(
        new RouteRow("deep", "GET", "/v1/{name=**}", null),
        new RouteRow("star", "POST", "/v1/*/x", null),
        new RouteRow("literal", "GET", "/v1/a/x", null),
        new RouteRow("other", "GET", "/v2/a/x", null)));

    assertThat(table.candidates("/v1/a/x")).map(RouteRow::id)
        .containsExactly("literal", "star", "deep");
    assertThat(table.candidates("v1/a/x")).isEmpty();
    assertThat(table.candidates("/v1//x")).isEmpty();
  }

  private static void checkRequest(RouteTable<RouteRow> table, RequestRow r) {
    MatchResult<RouteRow> result = table.match(r.method(), r.path());
    switch (r.expect()) {
      case "404" -> assertThat(result).isEqualTo(new MatchResult.NotFound<RouteRow>());
      case "405" -> assertThat(result)
          .isEqualTo(new MatchResult.MethodNotAllowed<RouteRow>(java.util.Set.copyOf(r.allowed())));
      default -> {
        assertThat(result).isInstanceOf(MatchResult.Matched.class);
        MatchResult.Matched<RouteRow> matched = (MatchResult.Matched<RouteRow>) result;
        assertThat(matched.route().id()).isEqualTo(r.expect());
        if (r.segments() != null) {
          assertThat(matched.segments()).isEqualTo(r.segments());
        }
        if (r.verb() != null) {
          assertThat(matched.verb()).isEqualTo(r.verb());
        }
      }
    }
  }

  private static void checkConflicts(RouteTable<RouteRow> table, Scenario s) {
    List<ConflictRow> expected = s.conflicts() == null ? List.of() : s.conflicts();
    assertThat(table.conflicts())
        .map(c -> new ConflictRow(c.httpMethod(), c.template(), c.winner(), c.loser()))
        .containsExactlyElementsOf(expected);
    List<String> losers = expected.stream().map(ConflictRow::loser).toList();
    assertThat(table.routes()).map(RouteRow::id).containsExactlyInAnyOrderElementsOf(
        s.routes().stream().map(RouteRow::id).filter(id -> !losers.contains(id)).toList());
  }

  @Test
  void servedRoutesKeepInsertionOrder() throws Exception {
    RouteTable<String> table = RouteTable.<String>builder(Comparator.naturalOrder(), s -> s)
        .add("GET", PathTemplateParser.parse("/b"), "b")
        .add("GET", PathTemplateParser.parse("/a"), "a")
        .add("GET", PathTemplateParser.parse("/{x}"), "x")
        .add("GET", PathTemplateParser.parse("/{y}"), "y")
        .build();
    assertThat(table.routes()).containsExactly("b", "a", "x");
  }

  @Test
  void conflictReadsAsASentence() throws Exception {
    RouteTable<String> table = RouteTable.<String>builder(Comparator.naturalOrder(), s -> s)
        .add("GET", PathTemplateParser.parse("/v1/shelves/{id}"), "Library.GetShelfById")
        .add("GET", PathTemplateParser.parse("/v1/{name=shelves/*}"), "Library.GetShelf")
        .build();
    assertThat(table.conflicts()).singleElement().hasToString(
        "GET /v1/shelves/{id}: Library.GetShelfById is not served; Library.GetShelf matches the"
            + " same requests and takes precedence");
  }

  @Test
  void builtTableIgnoresLaterAdditions() throws Exception {
    RouteTable.Builder<String> builder = RouteTable.builder(Comparator.naturalOrder(), s -> s);
    builder.add("GET", PathTemplateParser.parse("/a"), "a");
    RouteTable<String> first = builder.build();
    builder.add("GET", PathTemplateParser.parse("/b"), "b");
    assertThat(first.match("GET", "/b")).isEqualTo(new MatchResult.NotFound<String>());
    assertThat(builder.build().match("GET", "/b"))
        .isEqualTo(new MatchResult.Matched<>("b", List.of("b"), ""));
  }

  @Test
  void rejectsHandBuiltTemplateWithAWildcardAfterDeepWildcard() {
    PathTemplate bad = new PathTemplate(
        List.of(new Segment.DeepWildcard(), new Segment.Literal("x"), new Segment.Wildcard()),
        Optional.empty());
    RouteTable.Builder<String> builder = RouteTable.builder(Comparator.naturalOrder(), s -> s);
    assertThatThrownBy(() -> builder.add("GET", bad, "bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template /**/x/*: only literal segments and the verb may follow '**'");
  }

  @Test
  void deepWildcardTakes64000SegmentsWithoutDeepRecursion() throws Exception {
    RouteTable<String> table = RouteTable.<String>builder(Comparator.naturalOrder(), s -> s)
        .add("GET", PathTemplateParser.parse("/v1/{a=**}/x",
            PathTemplateParser.Syntax.EXTENDED), "suffix")
        .add("GET", PathTemplateParser.parse("/v1/{a=**}"), "rest")
        .add("GET", PathTemplateParser.parse("/v1/*/*/*/{a=**}:go"), "verb")
        .build();
    String segments = "/s".repeat(64_000);

    assertThat(table.match("GET", "/v1" + segments + "/x")).isInstanceOfSatisfying(
        MatchResult.Matched.class, m -> {
          assertThat(m.route()).isEqualTo("suffix");
          assertThat(m.segments()).hasSize(64_002);
        });
    assertThat(table.match("GET", "/v1" + segments))
        .isInstanceOfSatisfying(MatchResult.Matched.class, m -> assertThat(m.route()).isEqualTo("rest"));
    assertThat(table.match("GET", "/v1" + segments + ":go"))
        .isInstanceOfSatisfying(MatchResult.Matched.class, m -> assertThat(m.route()).isEqualTo("verb"));
    assertThat(table.match("GET", "/v2" + segments)).isEqualTo(new MatchResult.NotFound<String>());
  }

  @Test
  void rejectsEmptyHttpMethod() throws Exception {
    PathTemplate t = PathTemplateParser.parse("/a");
    RouteTable.Builder<String> builder = RouteTable.builder(Comparator.naturalOrder(), s -> s);
    assertThatThrownBy(() -> builder.add("", t, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty HTTP method for /a");
  }

  @Test
  void tenThousandRoutesBuildAndMatch() throws Exception {
    int count = 10_000;
    RouteTable.Builder<String> builder = RouteTable.builder(Comparator.naturalOrder(), s -> s);
    for (int i = 0; i < count; i++) {
      String prefix = "/api/v" + (i % 7) + "/svc" + i;
      builder.add("GET", PathTemplateParser.parse(prefix + "/{id}/items/{item}"), "get" + i);
      builder.add("POST", PathTemplateParser.parse(prefix + "/{id}:run" + (i % 3)), "run" + i);
      builder.add("*", PathTemplateParser.parse(prefix + "/files/{path=**}"), "files" + i);
    }
    RouteTable<String> table = builder.build();

    assertThat(table.conflicts()).isEmpty();
    assertThat(table.routes()).hasSize(3 * count);
    for (int i = 0; i < count; i++) {
      String prefix = "/api/v" + (i % 7) + "/svc" + i;
      assertThat(table.match("GET", prefix + "/x/items/y"))
          .isEqualTo(new MatchResult.Matched<>("get" + i,
              List.of("api", "v" + (i % 7), "svc" + i, "x", "items", "y"), ""));
      assertThat(table.match("POST", prefix + "/x:run" + (i % 3)))
          .isEqualTo(new MatchResult.Matched<>("run" + i,
              List.of("api", "v" + (i % 7), "svc" + i, "x"), "run" + (i % 3)));
      assertThat(table.match("DELETE", prefix + "/files/a/b/c"))
          .isEqualTo(new MatchResult.Matched<>("files" + i,
              List.of("api", "v" + (i % 7), "svc" + i, "files", "a", "b", "c"), ""));
      assertThat(table.match("GET", prefix + "/x:run" + ((i + 1) % 3)))
          .isEqualTo(new MatchResult.NotFound<String>());
    }
    assertThat(table.match("GET", "/api/v0/svc" + count + "/x/items/y"))
        .isEqualTo(new MatchResult.NotFound<String>());
  }
}
