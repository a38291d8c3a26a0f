package dev.gangway.transcoder.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PathTemplateParserTest {

  /** One row of templates.yaml. */
  record Case(String template, String format, String verb, String error, String syntax) {
    /** The grammar the case is parsed with: strict unless it says {@code extended}. */
    PathTemplateParser.Syntax grammar() {
      return "extended".equals(syntax)
          ? PathTemplateParser.Syntax.EXTENDED : PathTemplateParser.Syntax.STRICT;
    }
  }

  record Table(List<Case> valid, List<Case> invalid) {}

  private static Table table() throws IOException {
    try (InputStream in =
        PathTemplateParserTest.class.getResourceAsStream("/template/templates.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readValue(in, Table.class);
    }
  }

  @TestFactory
  Stream<DynamicTest> validTemplatesParseToTheirCanonicalForm() throws IOException {
    return table().valid().stream()
        .map(c -> dynamicTest(c.template() + " -> " + c.format(), () -> {
          PathTemplate parsed = PathTemplateParser.parse(c.template(), c.grammar());
          assertThat(parsed.format()).isEqualTo(c.format());
          if (c.verb() != null) {
            assertThat(parsed.verb().orElse("")).isEqualTo(c.verb());
          }
          assertThat(PathTemplateParser.parse(parsed.format(), c.grammar())).isEqualTo(parsed);
          // The extension only adds templates: whatever the strict grammar takes, it takes too.
          assertThat(PathTemplateParser.parse(c.template(), PathTemplateParser.Syntax.EXTENDED))
              .isEqualTo(parsed);
        }));
  }

  @TestFactory
  Stream<DynamicTest> invalidTemplatesAreRejectedWithPosition() throws IOException {
    return table().invalid().stream()
        .map(c -> dynamicTest("\"" + c.template() + "\"", () ->
            assertThatThrownBy(() -> PathTemplateParser.parse(c.template(), c.grammar()))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage(c.error())));
  }

  @Test
  void singleSegmentVariableIsStoredWithAWildcard() throws Exception {
    PathTemplate t = PathTemplateParser.parse("/v1/{name}");
    assertThat(t.segments()).containsExactly(
        new Segment.Literal("v1"),
        new Segment.Variable(FieldPath.of("name"), List.of(new Segment.Wildcard())));
    assertThat(t).isEqualTo(PathTemplateParser.parse("/v1/{name=*}"));
  }

  @Test
  void variableKeepsItsInnerSegmentsAndTheVerbIsSplitOff() throws Exception {
    PathTemplate t = PathTemplateParser.parse("/v1/{book.name=shelves/*/books/**}:read");
    assertThat(t).isEqualTo(new PathTemplate(
        List.of(
            new Segment.Literal("v1"),
            new Segment.Variable(
                FieldPath.of("book.name"),
                List.of(
                    new Segment.Literal("shelves"),
                    new Segment.Wildcard(),
                    new Segment.Literal("books"),
                    new Segment.DeepWildcard()))),
        Optional.of("read")));
    assertThat(t.variables()).hasSize(1);
    assertThat(t.variables().get(0).multiSegment()).isTrue();
  }

  @Test
  void colonBeforeTheLastSlashStaysInTheLiteral() throws Exception {
    PathTemplate t = PathTemplateParser.parse("/v1/a:b/c");
    assertThat(t.segments()).containsExactly(
        new Segment.Literal("v1"), new Segment.Literal("a:b"), new Segment.Literal("c"));
    assertThat(t.verb()).isEmpty();
  }

  @Test
  void errorCarriesTemplateIndexAndReason() {
    assertThatThrownBy(() -> PathTemplateParser.parse("/v1/{name=**}/x"))
        .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
          assertThat(e.template()).isEqualTo("/v1/{name=**}/x");
          assertThat(e.index()).isEqualTo(12);
          assertThat(e.reason()).isEqualTo("only the verb may follow '**'");
        });
  }

  @Test
  void shapeReplacesVariablesByTheirSegments() throws Exception {
    StringBuilder shape = new StringBuilder();
    ShapeVisitor printer = new ShapeVisitor() {
      @Override
      public void literal(String value) {
        shape.append('/').append(value);
      }

      @Override
      public void wildcard() {
        shape.append("/*");
      }

      @Override
      public void deepWildcard() {
        shape.append("/**");
      }
    };
    PathTemplateParser.parse("/v1/{name=shelves/*}/{rest=**}:x").visitShape(printer);
    assertThat(shape).hasToString("/v1/shelves/*/**");
  }
}
