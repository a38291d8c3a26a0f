package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every query parameter spelling of every message type reachable from a request type: for each
 * type, a map from both the proto name and the JSON name of each field to what the field is. A
 * dotted name {@code a.b.c} walks these maps, one lookup per part.
 *
 * <p>Immutable and thread-safe; built once per request type at load time and shared by the plans
 * over that type. Recursive types are indexed once. The per-type name maps come from a
 * {@link Names} shared by a whole snapshot build: googleapis' 13,000 request types reach the same
 * resource types again and again, and one map per type and request type was 20 MiB of its heap.
 */
final class QueryIndex {

  /** How a field may appear in the query. */
  enum Shape {
    /** One value: a scalar, an enum, or a message with a scalar JSON form (wrapper, Timestamp). */
    SCALAR,
    /** A repeated field of such values: one value per occurrence of the parameter. */
    REPEATED_SCALAR,
    /** A singular message: named only through its fields ({@code nested.label}). */
    MESSAGE,
    /** A map: not settable from the query. */
    MAP,
    /** A repeated message: not settable from the query (http.proto forbids it). */
    REPEATED_MESSAGE,
    /** A message without a scalar JSON form and not walked into (Struct, Value, Any, Empty...). */
    OPAQUE
  }

  /** One field as the query sees it; {@code parser} is null unless the shape is a scalar one. */
  record QueryField(FieldDescriptor field, Shape shape, ScalarParser parser) {}

  /** A resolved name: the field chain from the request type down to {@code leaf}. */
  record Target(List<FieldDescriptor> chain, QueryField leaf) {}

  private final Descriptor root;
  private final Map<Descriptor, Map<String, QueryField>> byType;

  /**
   * The name map of every message type indexed in one snapshot build, each built once. Not
   * thread-safe; confine to the compiler. The maps it hands out are immutable.
   */
  static final class Names {
    private final Map<Descriptor, Map<String, QueryField>> byType = new HashMap<>();

    Map<String, QueryField> of(Descriptor type) {
      Map<String, QueryField> names = byType.get(type);
      if (names == null) {
        names = build(type);
        byType.put(type, names);
      }
      return names;
    }

    private static Map<String, QueryField> build(Descriptor type) {
      Map<String, QueryField> names = new HashMap<>();
      for (FieldDescriptor f : type.getFields()) {
        QueryField qf = classify(f);
        names.put(f.getJsonName(), qf);
        names.put(f.getName(), qf); // the proto name wins a clash with another field's JSON name
      }
      return Map.copyOf(names);
    }
  }

  QueryIndex(Descriptor root, Names names) {
    this.root = root;
    Map<Descriptor, Map<String, QueryField>> types = new HashMap<>();
    Deque<Descriptor> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Descriptor type = todo.pop();
      if (types.containsKey(type)) {
        continue;
      }
      Map<String, QueryField> fields = names.of(type);
      types.put(type, fields);
      for (FieldDescriptor f : type.getFields()) {
        if (fields.get(f.getName()).shape() == Shape.MESSAGE) {
          todo.add(f.getMessageType());
        }
      }
    }
    this.byType = Map.copyOf(types);
  }

  private static QueryField classify(FieldDescriptor f) {
    if (f.isMapField()) {
      return new QueryField(f, Shape.MAP, null);
    }
    boolean scalar = ScalarParser.supports(f);
    ScalarParser parser = scalar ? ScalarParser.forField(f) : null;
    if (f.isRepeated()) {
      return new QueryField(f, scalar ? Shape.REPEATED_SCALAR : Shape.REPEATED_MESSAGE, parser);
    }
    if (scalar) {
      return new QueryField(f, Shape.SCALAR, parser);
    }
    boolean opaque = f.getMessageType().getFullName().startsWith("google.protobuf.");
    return new QueryField(f, opaque ? Shape.OPAQUE : Shape.MESSAGE, null);
  }

  /** The top-level fields of the request type, in declaration order. */
  List<QueryField> topLevel() {
    Map<String, QueryField> names = byType.get(root);
    List<QueryField> out = new ArrayList<>();
    for (FieldDescriptor f : root.getFields()) {
      out.add(names.get(f.getName()));
    }
    return out;
  }

  /** The top-level field named {@code name} (either spelling), or null. */
  QueryField topLevel(String name) {
    return byType.get(root).get(name);
  }

  /**
   * Resolves a decoded parameter name to a settable field.
   *
   * @throws QueryRejection when no field has that name, or the field cannot be set from the query
   */
  Target resolve(String name) throws QueryRejection {
    List<FieldDescriptor> chain = new ArrayList<>(2);
    Descriptor type = root;
    int start = 0;
    while (true) {
      int dot = name.indexOf('.', start);
      int end = dot < 0 ? name.length() : dot;
      QueryField qf = byType.get(type).get(name.substring(start, end));
      if (qf == null) {
        throw QueryRejection.unknown(name);
      }
      chain.add(qf.field());
      if (dot < 0) {
        if (qf.parser() == null) {
          throw QueryRejection.of(name, notSettable(name, qf));
        }
        return new Target(List.copyOf(chain), qf);
      }
      if (qf.shape() != Shape.MESSAGE) {
        // The name up to this part, cut only here: a settable name allocates no prefixes.
        throw QueryRejection.of(name, notWalkable(name.substring(0, end), qf));
      }
      type = qf.field().getMessageType();
      start = dot + 1;
    }
  }

  private String notSettable(String prefix, QueryField qf) {
    String field = "field " + prefix;
    return switch (qf.shape()) {
      case MESSAGE -> messageHint(prefix, qf.field().getMessageType());
      case MAP -> field + " is a map; maps cannot be set from query parameters";
      case REPEATED_MESSAGE ->
          field + " is a repeated message; it cannot be set from query parameters";
      case OPAQUE -> field + " is a " + qf.field().getMessageType().getFullName()
          + "; it cannot be set from query parameters";
      case SCALAR, REPEATED_SCALAR -> throw new IllegalStateException("settable: " + prefix);
    };
  }

  private String notWalkable(String prefix, QueryField qf) {
    String field = "field " + prefix;
    return switch (qf.shape()) {
      case SCALAR, REPEATED_SCALAR -> qf.field().getJavaType() == FieldDescriptor.JavaType.MESSAGE
          ? field + " is a " + qf.field().getMessageType().getFullName() + ", set as a whole"
          : field + " is not a message";
      case MESSAGE -> throw new IllegalStateException("walkable: " + prefix);
      case MAP, REPEATED_MESSAGE, OPAQUE -> notSettable(prefix, qf);
    };
  }

  private String messageHint(String prefix, Descriptor type) {
    Map<String, QueryField> names = byType.get(type);
    for (FieldDescriptor f : type.getFields()) {
      if (names.get(f.getName()).parser() != null) {
        return "field " + prefix + " is a message; set its fields, e.g. "
            + prefix + "." + f.getName();
      }
    }
    return "field " + prefix + " is a message with no field a query parameter can set";
  }
}
