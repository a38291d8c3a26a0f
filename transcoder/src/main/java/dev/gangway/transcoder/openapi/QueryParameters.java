package dev.gangway.transcoder.openapi;

import static dev.gangway.transcoder.openapi.Json.obj;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of an operation: every request field that neither the path nor the body
 * binds and that the query can set (docs/mapping.md, "Query parameters"): scalars, enums and the
 * well-known types with a scalar JSON form, repeated ones as repeated keys, nested messages'
 * fields by dotted names. Maps, repeated messages and Struct-like types cannot be set from the
 * query and are left out; a recursive message is walked until it would repeat itself.
 *
 * <p>Stateless.
 */
final class QueryParameters {
  /** Types whose JSON form is one string, settable from one query value. */
  private static final Set<String> SCALAR_MESSAGES = Set.of(
      "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
      "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
      "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
      "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue");

  private QueryParameters() {}

  /**
   * @param request the request message
   * @param bound dotted proto-name paths the path binds
   * @param body the rule's body: empty, {@code *} (no query parameters) or a top-level field
   */
  static List<Object> of(Descriptor request, Set<String> bound, String body, Schemas schemas,
      Descriptions descriptions) {
    List<Object> out = new ArrayList<>();
    if (body.equals("*")) {
      return out;
    }
    Set<String> excluded = new HashSet<>(bound);
    if (!body.isEmpty()) {
      excluded.add(body);
    }
    walk(request, "", "", excluded, new ArrayList<>(List.of(request)), schemas, descriptions, out);
    return out;
  }

  private static void walk(Descriptor type, String protoPrefix, String namePrefix,
      Set<String> excluded, List<Descriptor> onPath, Schemas schemas, Descriptions descriptions,
      List<Object> out) {
    for (FieldDescriptor field : type.getFields()) {
      String protoPath = protoPrefix + field.getName();
      if (excluded.contains(protoPath) || field.isMapField()) {
        continue;
      }
      String name = namePrefix + schemas.name(field);
      boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      if (!message || SCALAR_MESSAGES.contains(field.getMessageType().getFullName())) {
        out.add(obj(
            "name", name,
            "in", "query",
            "description", descriptions.of(field).orElse(null),
            "schema", schemas.field(field),
            "deprecated", field.getOptions().getDeprecated() ? true : null));
        continue;
      }
      Descriptor nested = field.getMessageType();
      boolean opaque = nested.getFullName().startsWith("google.protobuf.");
      if (field.isRepeated() || opaque || onPath.contains(nested)) {
        continue;
      }
      onPath.add(nested);
      walk(nested, protoPath + ".", name + ".", excluded, onPath, schemas, descriptions, out);
      onPath.remove(onPath.size() - 1);
    }
  }

}
