package dev.gangway.transcoder.internal.binding;

import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.PathTemplateParser;
import dev.gangway.transcoder.template.TemplateSyntaxException;

/** Templates for binding tests, through the real parser; a bad template in a test is a test bug. */
final class TestTemplates {
  private TestTemplates() {}

  static PathTemplate parse(String template) {
    try {
      return PathTemplateParser.parse(template);
    } catch (TemplateSyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
