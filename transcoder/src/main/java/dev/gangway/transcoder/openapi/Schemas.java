package dev.gangway.transcoder.openapi;

import static dev.gangway.transcoder.openapi.Json.list;
import static dev.gangway.transcoder.openapi.Json.obj;

import com.google.api.FieldBehavior;
import com.google.api.FieldBehaviorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The {@code components.schemas} of a document: one schema per message and enum reachable from
 * an operation, in the proto3 JSON form the gateway reads and writes. 64-bit integers are strings,
 * enums their names (numbers with {@code enumsAsNumbers}), well-known types their own JSON forms,
 * maps objects, {@code oneof} members properties of which at most one is set, property names the
 * JSON names ({@code json_name} included) or the proto names. {@code google.api.field_behavior}
 * {@code REQUIRED} lists a field in {@code required}, {@code OUTPUT_ONLY} makes it
 * {@code readOnly}, {@code INPUT_ONLY} {@code writeOnly}.
 *
 * <p>Not thread-safe; confine to one {@link OpenApiBuilder}.
 */
final class Schemas {
  static final String REF_PREFIX = "#/components/schemas/";

  private final Descriptions descriptions;
  private final boolean protoNames;
  private final boolean enumsAsNumbers;
  /**
   * The types with a component, by component name (the full proto name), so the output is
   * sorted: their schemas are made when the document is written, one at a time (the googleapis
   * corpus's schemas held 116 MiB as a tree). Registering a type registers every type its schema
   * refers to, so writing the schemas registers nothing new.
   */
  private final SortedMap<String, GenericDescriptor> components = new TreeMap<>();

  Schemas(Descriptions descriptions, boolean protoNames, boolean enumsAsNumbers) {
    this.descriptions = descriptions;
    this.protoNames = protoNames;
    this.enumsAsNumbers = enumsAsNumbers;
  }

  /** Each registered type's schema, by name, sorted; each made only when it is asked for. */
  Map<String, Object> components() {
    Map<String, Object> out = new LinkedHashMap<>();
    components.forEach((name, type) -> out.put(name, (Supplier<Map<String, Object>>)
        () -> type instanceof Descriptor message ? messageSchema(message)
            : enumSchema((EnumDescriptor) type)));
    return out;
  }

  /** The property name of a field in JSON bodies and the query. */
  String name(FieldDescriptor field) {
    return protoNames ? field.getName() : field.getJsonName();
  }

  /** A reference to the message's component (registered on first use), or its WKT form. */
  Map<String, Object> message(Descriptor type) {
    var wellKnown = WellKnownSchemas.of(type);
    if (wellKnown.isPresent()) {
      return wellKnown.get();
    }
    register(type);
    return ref(type.getFullName());
  }

  /**
   * Registers {@code root} and every message and enum its schema refers to, as {@link
   * #messageSchema} would reach them; a work list, so a deep chain of types grows no stack.
   */
  private void register(GenericDescriptor root) {
    Deque<GenericDescriptor> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      GenericDescriptor type = todo.pop();
      if (components.putIfAbsent(type.getFullName(), type) != null
          || !(type instanceof Descriptor message)) {
        continue;
      }
      for (FieldDescriptor field : message.getFields()) {
        FieldDescriptor value =
            field.isMapField() ? field.getMessageType().findFieldByNumber(2) : field;
        switch (value.getType()) {
          case ENUM -> {
            if (!value.getEnumType().getFullName().equals("google.protobuf.NullValue")) {
              todo.push(value.getEnumType());
            }
          }
          case MESSAGE, GROUP -> {
            if (WellKnownSchemas.of(value.getMessageType()).isEmpty()) {
              todo.push(value.getMessageType());
            }
          }
          default -> { }
        }
      }
    }
  }

  /** The schema of a field's value: an array for repeated, an object for a map. */
  Map<String, Object> field(FieldDescriptor field) {
    if (field.isMapField()) {
      FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
      return obj("type", "object", "additionalProperties", single(value));
    }
    if (field.isRepeated()) {
      return obj("type", "array", "items", single(field));
    }
    return single(field);
  }

  /** The schema of one value of the field's type (ignoring repeated). */
  Map<String, Object> single(FieldDescriptor field) {
    return switch (field.getType()) {
      case INT32, SINT32, SFIXED32 -> obj("type", "integer", "format", "int32");
      case UINT32, FIXED32 -> obj("type", "integer", "format", "int64",
          "minimum", 0, "maximum", 4294967295L);
      // proto3 JSON: 64-bit integers are strings (a JSON number loses precision past 2^53).
      case INT64, SINT64, SFIXED64 -> obj("type", "string", "format", "int64");
      case UINT64, FIXED64 -> obj("type", "string", "format", "uint64");
      case FLOAT -> obj("type", "number", "format", "float");
      case DOUBLE -> obj("type", "number", "format", "double");
      case BOOL -> obj("type", "boolean");
      case STRING -> obj("type", "string");
      case BYTES -> obj("type", "string", "format", "byte");
      case ENUM -> enumType(field.getEnumType());
      case MESSAGE, GROUP -> message(field.getMessageType());
    };
  }

  /** A reference to the enum's component, or {@code null}'s schema for NullValue. */
  Map<String, Object> enumType(EnumDescriptor type) {
    if (type.getFullName().equals("google.protobuf.NullValue")) {
      return obj("type", "null");
    }
    register(type);
    return ref(type.getFullName());
  }

  private static Map<String, Object> ref(String name) {
    return obj("$ref", REF_PREFIX + name);
  }

  private Map<String, Object> enumSchema(EnumDescriptor type) {
    List<Object> values = new ArrayList<>();
    StringBuilder doc = new StringBuilder(descriptions.of(type).orElse(""));
    boolean listed = false;
    for (EnumValueDescriptor value : type.getValues()) {
      values.add(enumsAsNumbers ? (Object) value.getNumber() : value.getName());
      var comment = descriptions.of(value);
      if (comment.isPresent()) {
        doc.append(listed ? "\n" : "\n\n").append("- `").append(value.getName())
            .append("`: ").append(comment.get().replace('\n', ' '));
        listed = true;
      }
    }
    return obj(
        "type", enumsAsNumbers ? "integer" : "string",
        "enum", values,
        "description", doc.length() == 0 ? null : doc.toString().strip());
  }

  private Map<String, Object> messageSchema(Descriptor type) {
    Map<String, Object> properties = obj();
    List<Object> required = new ArrayList<>();
    for (FieldDescriptor field : type.getFields()) {
      properties.put(name(field), property(field));
      if (behaviors(field).contains(FieldBehavior.REQUIRED)) {
        required.add(name(field));
      }
    }
    List<Object> oneofs = new ArrayList<>();
    for (OneofDescriptor oneof : type.getRealOneofs()) {
      oneofs.add(atMostOne(oneof));
    }
    return obj(
        "type", "object",
        "description", descriptions.of(type).orElse(null),
        "properties", properties,
        "required", required.isEmpty() ? null : required,
        "allOf", oneofs.isEmpty() ? null : oneofs);
  }

  private Map<String, Object> property(FieldDescriptor field) {
    Map<String, Object> schema = Json.copy(field(field));
    List<FieldBehavior> behaviors = behaviors(field);
    StringBuilder doc = new StringBuilder(descriptions.of(field).orElse(""));
    OneofDescriptor oneof = field.getRealContainingOneof();
    if (oneof != null) {
      note(doc, "Member of oneof `" + oneof.getName() + "`: at most one of "
          + String.join(", ", oneof.getFields().stream().map(f -> "`" + name(f) + "`").toList())
          + " is set.");
    }
    if (behaviors.contains(FieldBehavior.IMMUTABLE)) {
      note(doc, "Immutable: set on create only.");
    }
    if (doc.length() > 0) {
      schema.put("description", doc.toString());
    }
    if (behaviors.contains(FieldBehavior.OUTPUT_ONLY)) {
      schema.put("readOnly", true);
    }
    if (behaviors.contains(FieldBehavior.INPUT_ONLY)) {
      schema.put("writeOnly", true);
    }
    if (field.getOptions().getDeprecated()) {
      schema.put("deprecated", true);
    }
    return schema;
  }

  private static void note(StringBuilder doc, String note) {
    doc.append(doc.length() == 0 ? "" : "\n\n").append(note);
  }

  /**
   * JSON Schema for "at most one member is set": exactly one branch holds, either one member is
   * present or none is.
   */
  private Map<String, Object> atMostOne(OneofDescriptor oneof) {
    List<Object> branches = new ArrayList<>();
    List<Object> any = new ArrayList<>();
    for (FieldDescriptor member : oneof.getFields()) {
      branches.add(obj("required", list(name(member))));
      any.add(obj("required", list(name(member))));
    }
    branches.add(obj("not", obj("anyOf", any)));
    return obj("oneOf", branches);
  }

  /** The field's {@code google.api.field_behavior} values (kept by the descriptor loader). */
  static List<FieldBehavior> behaviors(FieldDescriptor field) {
    return field.getOptions().getExtension(FieldBehaviorProto.fieldBehavior);
  }
}
