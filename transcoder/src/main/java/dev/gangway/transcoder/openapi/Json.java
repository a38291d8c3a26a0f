package dev.gangway.transcoder.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small helpers for the document tree: JSON objects are insertion-ordered maps, arrays lists,
 * leaves strings, numbers and booleans. Insertion order is the output order, so the builder's
 * deterministic order is the document's.
 *
 * <p>Stateless.
 */
final class Json {
  private Json() {}

  /** An object of the given key/value pairs, in that order; null values are left out. */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        out.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return out;
  }

  /** A mutable copy, for adding keys to a shared schema without changing it. */
  static Map<String, Object> copy(Map<String, Object> from) {
    return new LinkedHashMap<>(from);
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }
}
