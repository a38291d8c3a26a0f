package dev.gangway.gateway.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gangway.gateway.compose.TemplateCompiler.TemplateProblem;
import dev.gangway.transcoder.template.PathTemplateParser;
import io.grpc.Metadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template strings, evaluation with JSON types, path captures and query values. */
class TemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every reference reads the query parameter of its own name. */
  private static final TemplateCompiler.Resolver QUERY = Source.QueryParam::new;

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static Scope scope(Map<String, String> query) {
    return new Scope(new RequestInputs(Map.of(), query, Map.of(), new Metadata()),
        new JsonNode[0], null, null);
  }

  @Test
  void exactlyOneReferenceKeepsTheValue() throws Exception {
    ValueTemplate template = TemplateCompiler.text("{a}", QUERY);

    assertThat(template).isEqualTo(new ValueTemplate.Whole(new Source.QueryParam("a")));
  }

  @Test
  void textAroundReferencesInterpolatesAndEscapesBraces() throws Exception {
    ValueTemplate template = TemplateCompiler.text("{{x}} {a}/{b}!", QUERY);

    assertThat(template.evaluate(scope(Map.of("a", "1"))).asText()).isEqualTo("{x} 1/!");
  }

  @Test
  void textWithoutReferencesIsALiteral() throws Exception {
    assertThat(TemplateCompiler.text("plain", QUERY))
        .isEqualTo(new ValueTemplate.Literal(json("\"plain\"")));
  }

  @Test
  void unmatchedBracesAreProblems() {
    assertThatThrownBy(() -> TemplateCompiler.text("a}b", QUERY))
        .isInstanceOf(TemplateProblem.class)
        .hasMessage("unmatched '}' in \"a}b\" (write }} for a literal })");
    assertThatThrownBy(() -> TemplateCompiler.text("{a{b}", QUERY))
        .isInstanceOf(TemplateProblem.class)
        .hasMessage("unclosed '{' in \"{a{b}\" (write {{ for a literal {)");
  }

  @Test
  void requestObjectsOmitMissingMembersAndResponsesWriteNull() throws Exception {
    JsonNode template = json("{\"a\":\"{a}\",\"gone\":\"{gone}\",\"n\":[1,\"{a}\"],\"t\":true}");
    Scope scope = scope(Map.of("a", "x"));

    assertThat(TemplateCompiler.compile(template, "request", QUERY, true).evaluate(scope))
        .isEqualTo(json("{\"a\":\"x\",\"n\":[1,\"x\"],\"t\":true}"));
    assertThat(TemplateCompiler.compile(template, "response", QUERY, false).evaluate(scope))
        .isEqualTo(json("{\"a\":\"x\",\"gone\":null,\"n\":[1,\"x\"],\"t\":true}"));
  }

  @Test
  void problemsNameTheMemberPath() {
    assertThatThrownBy(() -> TemplateCompiler.compile(
            json("{\"a\":{\"b\":[\"ok\",\"{x\"]}}"), "request", QUERY, true))
        .isInstanceOf(TemplateProblem.class)
        .hasMessage("request.a.b[1]: unclosed '{' in \"{x\" (write {{ for a literal {)");
  }

  @Test
  void memberPathFallsBackToTheDefaultOfAnAbsentLastField() throws Exception {
    MemberPath path = new MemberPath(List.of("a", "b"), json("0"));

    assertThat(path.get(json("{\"a\":{\"b\":7}}"))).isEqualTo(json("7"));
    assertThat(path.get(json("{\"a\":{}}"))).isEqualTo(json("0"));
    assertThat(path.get(json("{}"))).as("a message on the way is unset").isNull();
    assertThat(path.get(null)).isNull();
  }

  @Test
  void pathCapturesDecodeAndKeepSlashesOfMultiSegmentVariables() throws Exception {
    PathCaptures captures =
        PathCaptures.of(PathTemplateParser.parse("/v1/{name=shelves/*}/x/{id}/{rest=**}"));

    Map<String, String> values = captures.values(
        List.of("v1", "shelves", "a%20b", "x", "%C3%A9", "p", "q%2Fr"));

    assertThat(captures.names()).containsExactly("name", "id", "rest");
    assertThat(values).containsEntry("name", "shelves/a b").containsEntry("id", "é")
        .containsEntry("rest", "p/q%2Fr");
  }

  @Test
  void queryValuesTakeTheFirstValueDecoded() {
    assertThat(QueryValues.parse("a=1&b=x%20y&a=2&flag&c=1+2", false))
        .containsEntry("a", "1").containsEntry("b", "x y").containsEntry("flag", "")
        .containsEntry("c", "1+2");
    assertThat(QueryValues.parse("c=1+2", true)).containsEntry("c", "1 2");
    assertThat(QueryValues.parse("", false)).isEmpty();
  }
}
