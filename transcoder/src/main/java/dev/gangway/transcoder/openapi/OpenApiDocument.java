package dev.gangway.transcoder.openapi;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One generated OpenAPI 3.1 document, ready to write as JSON or YAML (whatever format the
 * {@link JsonGenerator} writes). The same document writes the same bytes every time: keys come in
 * the order the builder fixed (paths and components sorted by name).
 *
 * <p>It holds how to make each operation, not the operations: they are made while the document
 * is written, one at a time, and dropped once written (the googleapis corpus's document held 202
 * MiB of heap as a tree; its operations are most of it). To write it in two formats, write to both
 * generators in one call: each operation is then made once.
 *
 * <p>Not thread-safe: writing registers schemas in its builder's state. Write it from one thread.
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

  /**
   * @param root the tree: maps, lists, strings, numbers, booleans and, where a value is made only
   *     when it is written, {@link Supplier}s of them
   */
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
    writeTo(List.of(out));
  }

  /**
   * Writes the document to every generator in {@code outs}, event by event, making each operation
   * once; the caller flushes and closes them.
   */
  public void writeTo(List<JsonGenerator> outs) throws IOException {
    List<JsonGenerator> generators = List.copyOf(outs);
    write(generators, root);
  }

  private static void write(List<JsonGenerator> outs, Object value) throws IOException {
    if (value instanceof Supplier<?> made) {
      write(outs, made.get());
    } else if (value instanceof Map<?, ?> map) {
      for (JsonGenerator out : outs) {
        out.writeStartObject();
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        for (JsonGenerator out : outs) {
          out.writeFieldName((String) e.getKey());
        }
        write(outs, e.getValue());
      }
      for (JsonGenerator out : outs) {
        out.writeEndObject();
      }
    } else if (value instanceof List<?> list) {
      for (JsonGenerator out : outs) {
        out.writeStartArray();
      }
      for (Object item : list) {
        write(outs, item);
      }
      for (JsonGenerator out : outs) {
        out.writeEndArray();
      }
    } else {
      for (JsonGenerator out : outs) {
        scalar(out, value);
      }
    }
  }

  private static void scalar(JsonGenerator out, Object value) throws IOException {
    if (value instanceof String s) {
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
