package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a JSON template into a {@link ValueTemplate}: strings are scanned for references
 * ({@code {name.path}}; {@code {{} and {@code }}} stand for literal braces), which a
 * {@link Resolver} turns into {@link Source}s.
 *
 * <p>Stateless; setup code. Grammar of a string value:
 * <pre>
 * Text = { Char | "{{" | "}}" | "{" Ref "}" } ;   Ref = any characters except "{" and "}" ;
 * </pre>
 */
final class TemplateCompiler {
  private TemplateCompiler() {}

  /** Turns the text of one reference into its source, or says what is wrong with it. */
  @FunctionalInterface
  interface Resolver {
    Source resolve(String ref) throws TemplateProblem;
  }

  /** A problem in a template; {@code at} is the member path where it is ({@code request.id}). */
  static final class TemplateProblem extends Exception {
    private static final long serialVersionUID = 1L;

    TemplateProblem(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param where the path of {@code node} for messages, e.g. {@code request}
   * @param omitMissing whether objects leave out missing members (requests) or write null
   */
  static ValueTemplate compile(JsonNode node, String where, Resolver resolver, boolean omitMissing)
      throws TemplateProblem {
    if (node.isObject()) {
      Map<String, ValueTemplate> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(),
            compile(e.getValue(), where + "." + e.getKey(), resolver, omitMissing));
      }
      return new ValueTemplate.ObjectTemplate(fields, omitMissing);
    }
    if (node.isArray()) {
      List<ValueTemplate> items = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        items.add(compile(node.get(i), where + "[" + i + "]", resolver, omitMissing));
      }
      return new ValueTemplate.ArrayTemplate(items);
    }
    if (node.isTextual()) {
      try {
        return text(node.textValue(), resolver);
      } catch (TemplateProblem e) {
        throw new TemplateProblem(where + ": " + e.getMessage());
      }
    }
    return new ValueTemplate.Literal(node.deepCopy());
  }

  /** {@code Text}: literal, exactly one reference, or text with references inside. */
  static ValueTemplate text(String text, Resolver resolver) throws TemplateProblem {
    List<String> literals = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
        literal.append(c);
        i += 2;
      } else if (c == '{') {
        int end = text.indexOf('}', i + 1);
        int nested = text.indexOf('{', i + 1);
        if (end < 0 || (nested >= 0 && nested < end)) {
          throw new TemplateProblem("unclosed '{' in \"" + text + "\" (write {{ for a literal {)");
        }
        literals.add(literal.toString());
        literal.setLength(0);
        sources.add(resolver.resolve(text.substring(i + 1, end)));
        i = end + 1;
      } else if (c == '}') {
        throw new TemplateProblem("unmatched '}' in \"" + text + "\" (write }} for a literal })");
      } else {
        literal.append(c);
        i++;
      }
    }
    literals.add(literal.toString());
    if (sources.isEmpty()) {
      return new ValueTemplate.Literal(com.fasterxml.jackson.databind.node.TextNode.valueOf(
          literals.get(0)));
    }
    if (sources.size() == 1 && literals.get(0).isEmpty() && literals.get(1).isEmpty()) {
      return new ValueTemplate.Whole(sources.get(0));
    }
    return new ValueTemplate.Text(literals, sources);
  }
}
