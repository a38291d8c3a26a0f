package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A compiled request or response template: a JSON value whose strings may hold references.
 *
 * <p>Immutable. Each kind evaluates itself; null means "missing" (an object template leaves the
 * member out, or writes null, as it was compiled to).
 */
sealed interface ValueTemplate
    permits ValueTemplate.Literal, ValueTemplate.Whole, ValueTemplate.Text,
        ValueTemplate.ObjectTemplate, ValueTemplate.ArrayTemplate {

  /** The value for this scope; null when missing. */
  JsonNode evaluate(Scope scope);

  /** Reports every reference inside, in template order. */
  void sources(Consumer<Source> out);

  /** A JSON value without references, passed through as it is. */
  record Literal(JsonNode value) implements ValueTemplate {
    @Override
    public JsonNode evaluate(Scope scope) {
      return value;
    }

    @Override
    public void sources(Consumer<Source> out) {}
  }

  /** A string that is exactly one reference: takes the referenced value with its JSON type. */
  record Whole(Source source) implements ValueTemplate {
    @Override
    public JsonNode evaluate(Scope scope) {
      return source.resolve(scope);
    }

    @Override
    public void sources(Consumer<Source> out) {
      out.accept(source);
    }
  }

  /**
   * Text with references inside ({@code shelves/{path.id}}): always a string; a missing reference
   * contributes nothing, a non-text value its JSON text.
   *
   * @param literals the text around the references; one more than {@code sources}
   */
  record Text(List<String> literals, List<Source> sources) implements ValueTemplate {
    public Text {
      literals = List.copyOf(literals);
      sources = List.copyOf(sources);
    }

    @Override
    public JsonNode evaluate(Scope scope) {
      StringBuilder out = new StringBuilder(literals.get(0));
      for (int i = 0; i < sources.size(); i++) {
        JsonNode value = sources.get(i).resolve(scope);
        if (value != null && !value.isNull()) {
          out.append(value.isValueNode() ? value.asText() : value.toString());
        }
        out.append(literals.get(i + 1));
      }
      return TextNode.valueOf(out.toString());
    }

    @Override
    public void sources(Consumer<Source> out) {
      sources.forEach(out);
    }
  }

  /**
   * A JSON object of templates.
   *
   * @param omitMissing leave out members whose value is missing (requests); otherwise write null
   *     (responses)
   */
  record ObjectTemplate(Map<String, ValueTemplate> fields, boolean omitMissing)
      implements ValueTemplate {
    public ObjectTemplate {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public ObjectNode evaluate(Scope scope) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, ValueTemplate> field : fields.entrySet()) {
        JsonNode value = field.getValue().evaluate(scope);
        if (value != null) {
          out.set(field.getKey(), value);
        } else if (!omitMissing) {
          out.set(field.getKey(), NullNode.getInstance());
        }
      }
      return out;
    }

    @Override
    public void sources(Consumer<Source> out) {
      fields.values().forEach(t -> t.sources(out));
    }
  }

  /** A JSON array of templates; a missing element is null. */
  record ArrayTemplate(List<ValueTemplate> items) implements ValueTemplate {
    public ArrayTemplate {
      items = List.copyOf(items);
    }

    @Override
    public JsonNode evaluate(Scope scope) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (ValueTemplate item : items) {
        JsonNode value = item.evaluate(scope);
        out.add(value == null ? NullNode.getInstance() : value);
      }
      return out;
    }

    @Override
    public void sources(Consumer<Source> out) {
      items.forEach(t -> t.sources(out));
    }
  }
}
