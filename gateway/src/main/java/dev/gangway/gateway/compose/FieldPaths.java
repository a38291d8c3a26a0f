package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.gateway.compose.TemplateCompiler.TemplateProblem;
import dev.gangway.transcoder.options.TranscoderOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves dotted field paths ({@code product.seller_id}, proto or JSON names) against message
 * types into {@link MemberPath}s of the JSON the snapshot's printer writes.
 *
 * <p>Immutable and thread-safe; setup code.
 */
final class FieldPaths {
  private final boolean protoNames;
  private final boolean enumsAsNumbers;

  FieldPaths(TranscoderOptions options) {
    this.protoNames = options.jsonFieldNames() == TranscoderOptions.JsonFieldNames.PROTO_NAME;
    this.enumsAsNumbers = options.enumsAsNumbers();
  }

  /** What a resolved path ends at: the member path and the last field (null for the whole). */
  record Resolved(MemberPath path, FieldDescriptor last) {}

  /**
   * @param names the path's field names; empty for the whole message
   * @throws TemplateProblem for an unknown field, or a repeated, map or well-known-type field
   *     before the last step
   */
  Resolved resolve(Descriptor type, List<String> names) throws TemplateProblem {
    List<String> members = new ArrayList<>();
    Descriptor current = type;
    FieldDescriptor field = null;
    for (int i = 0; i < names.size(); i++) {
      if (field != null) {
        current = container(field);
      }
      field = field(current, names.get(i));
      members.add(protoNames ? field.getName() : field.getJsonName());
    }
    return new Resolved(
        field == null ? MemberPath.WHOLE : new MemberPath(members, absent(field)), field);
  }

  /** The message type of a field a path goes through, or a problem saying why it cannot. */
  private static Descriptor container(FieldDescriptor field) throws TemplateProblem {
    String where =
        "field \"" + field.getName() + "\" of " + field.getContainingType().getFullName();
    if (field.isRepeated()) {
      throw new TemplateProblem(where + " is " + (field.isMapField() ? "a map" : "repeated")
          + "; only the last field of a path may be (use for_each to run a call per element)");
    }
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      throw new TemplateProblem(where + " is a " + field.getType().name().toLowerCase(
          java.util.Locale.ROOT) + ", not a message; it has no fields");
    }
    Descriptor type = field.getMessageType();
    if (type.getFile().getPackage().equals("google.protobuf")) {
      throw new TemplateProblem(where + " is a " + type.getFullName()
          + ", written as a JSON value; it has no fields to select");
    }
    return type;
  }

  /** The field named {@code name} (proto name first, then JSON name). */
  static FieldDescriptor field(Descriptor type, String name) throws TemplateProblem {
    FieldDescriptor field = type.findFieldByName(name);
    if (field != null) {
      return field;
    }
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(name)) {
        return f;
      }
    }
    throw new TemplateProblem("field \"" + name + "\" does not exist in " + type.getFullName());
  }

  /** What the printer's output lacks when the field holds its default (see {@link MemberPath}). */
  private JsonNode absent(FieldDescriptor field) {
    if (field.isMapField()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (field.isRepeated()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (field.hasPresence()) {
      return null;
    }
    switch (field.getJavaType()) {
      case BOOLEAN:
        return BooleanNode.FALSE;
      case STRING:
      case BYTE_STRING:
        return TextNode.valueOf("");
      case LONG:
        return TextNode.valueOf("0"); // proto3 JSON writes 64-bit integers as strings
      case INT:
      case FLOAT:
      case DOUBLE:
        return IntNode.valueOf(0);
      case ENUM:
        return enumsAsNumbers
            ? IntNode.valueOf(0)
            : TextNode.valueOf(field.getEnumType().findValueByNumber(0) == null
                ? "0" : field.getEnumType().findValueByNumber(0).getName());
      default:
        return null;
    }
  }
}
