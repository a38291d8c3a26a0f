package dev.gangway.transcoder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.PathTemplateParser;
import dev.gangway.transcoder.template.TemplateSyntaxException;

/**
 * Fuzzes the path template parser: any text either parses or is a {@link TemplateSyntaxException}
 * (never another exception or a hang), and what parses prints back to a template that parses to
 * the same value.
 */
class TemplateParserFuzz {
  @FuzzTest(maxDuration = "5s")
  void parsesOrReportsASyntaxError(String text) {
    if (text == null) {
      return; // Jazzer's first input for an object parameter; the parser takes non-null text
    }
    PathTemplate template;
    try {
      template = PathTemplateParser.parse(text);
    } catch (TemplateSyntaxException e) {
      assertThat(e.getMessage()).isNotEmpty();
      return;
    }
    try {
      assertThat(PathTemplateParser.parse(template.format())).isEqualTo(template);
    } catch (TemplateSyntaxException e) {
      throw new AssertionError("format() of " + text + " does not parse: " + e.getMessage(), e);
    }
  }
}
