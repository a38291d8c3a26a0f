package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * Where a template reference takes its value from: {@code {path.id}}, {@code {query.currency}},
 * {@code {header.x-tenant}}, {@code {product.seller_id}}, {@code {item.seller_id}},
 * {@code {partial}}.
 *
 * <p>Immutable. Each kind resolves itself against a {@link Scope}; null means "missing".
 */
sealed interface Source
    permits Source.PathVar, Source.QueryParam, Source.Header, Source.CallField, Source.ItemField,
        Source.Partial {

  /** The value, or null when it is missing. */
  JsonNode resolve(Scope scope);

  /** The index of the call this reads, or -1 when it reads no call result. */
  default int call() {
    return -1;
  }

  /** A path variable of the route's template, as text. */
  record PathVar(String name) implements Source {
    @Override
    public JsonNode resolve(Scope scope) {
      String value = scope.inputs().path().get(name);
      return value == null ? null : TextNode.valueOf(value);
    }
  }

  /** The first value of a query parameter, as text. */
  record QueryParam(String name) implements Source {
    @Override
    public JsonNode resolve(Scope scope) {
      String value = scope.inputs().query().get(name);
      return value == null ? null : TextNode.valueOf(value);
    }
  }

  /** The first value of a request header (lower-case name), as text. */
  record Header(String name) implements Source {
    @Override
    public JsonNode resolve(Scope scope) {
      List<String> values = scope.inputs().headers().get(name);
      return values == null || values.isEmpty() ? null : TextNode.valueOf(values.get(0));
    }
  }

  /** A field (or the whole) of another call's result. */
  record CallField(int index, MemberPath path) implements Source {
    @Override
    public JsonNode resolve(Scope scope) {
      return path.get(scope.results()[index]);
    }

    @Override
    public int call() {
      return index;
    }
  }

  /** A field (or the whole) of the current for_each element. */
  record ItemField(MemberPath path) implements Source {
    @Override
    public JsonNode resolve(Scope scope) {
      return path.get(scope.item());
    }
  }

  /** The names of the missing parts, as an array (response templates only). */
  record Partial() implements Source {
    @Override
    public JsonNode resolve(Scope scope) {
      ArrayNode names = JsonNodeFactory.instance.arrayNode();
      if (scope.partial() != null) {
        scope.partial().forEach(names::add);
      }
      return names;
    }
  }
}
