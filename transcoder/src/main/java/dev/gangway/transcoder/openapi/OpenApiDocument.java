package dev.gangway.transcoder.openapi;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generated OpenAPI 3.1 document, ready to write as JSON or YAML (whatever format the
 * {@link JsonGenerator} writes). The same document writes the same bytes every time: keys come in
 * the order the builder fixed (paths and components sorted by name).
 *
 * <p>Immutable and thread-safe: the tree is never changed after {@link OpenApiBuilder#build}.
 *
 * <pre>{@code
 * try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
 *   document.writeTo(json);
 * }
 * }</pre>
 */
public final class OpenApiDocument {
  private final Map<String, Object> root;
  private final int operations;

  OpenApiDocument(Map<String, Object> root, int operations) {
    this.root = root;
    this.operations = operations;
  }

  /** How many operations the document describes (an operation per path and HTTP method). */
  public int operations() {
    return operations;
  }

  /** Writes the document; the caller flushes and closes the generator. */
  public void writeTo(JsonGenerator out) throws IOException {
    Objects.requireNonNull(out, "out");
    write(out, root);
  }

  private static void write(JsonGenerator out, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeFieldName((String) e.getKey());
        write(out, e.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof List<?> list) {
      out.writeStartArray();
      for (Object item : list) {
        write(out, item);
      }
      out.writeEndArray();
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Integer i) {
      out.writeNumber(i);
    } else if (value instanceof Long l) {
      out.writeNumber(l);
    } else {
      throw new IllegalStateException("not a JSON value: " + value);
    }
  }
}
