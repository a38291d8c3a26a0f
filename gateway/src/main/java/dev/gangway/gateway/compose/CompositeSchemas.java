package dev.gangway.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.transcoder.openapi.OpenApiBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response shape of a composite as a JSON Schema, as far as the template shows it: objects
 * and arrays as written, a reference to a call's result as that message's (or field's) schema, a
 * for_each result as an array of them, text and path, query and header values as strings,
 * {@code {partial}} as an array of call names. A part whose type is not known is {@code {}} (any
 * JSON value). Every member may be null when a call it reads is optional and failed.
 *
 * <p>Stateless; setup code (documents are built once per snapshot).
 */
public final class CompositeSchemas {
  private CompositeSchemas() {}

  /** The schema of the composite's response body, registering message schemas in {@code openApi}. */
  public static Map<String, Object> response(CompositePlan plan, OpenApiBuilder openApi) {
    return schema(plan.response(), plan, openApi);
  }

  private static Map<String, Object> schema(ValueTemplate template, CompositePlan plan,
      OpenApiBuilder openApi) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (template instanceof ValueTemplate.ObjectTemplate object) {
      Map<String, Object> properties = new LinkedHashMap<>();
      object.fields().forEach((name, value) -> properties.put(name, schema(value, plan, openApi)));
      out.put("type", "object");
      out.put("properties", properties);
    } else if (template instanceof ValueTemplate.ArrayTemplate array) {
      List<Object> items = new ArrayList<>();
      array.items().forEach(item -> items.add(schema(item, plan, openApi)));
      out.put("type", "array");
      out.put("prefixItems", items);
    } else if (template instanceof ValueTemplate.Text) {
      out.put("type", "string");
    } else if (template instanceof ValueTemplate.Literal literal) {
      literal(literal.value(), out);
    } else if (template instanceof ValueTemplate.Whole whole) {
      return source(whole.source(), plan, openApi);
    }
    return out;
  }

  private static void literal(JsonNode value, Map<String, Object> out) {
    if (value.isTextual()) {
      out.put("type", "string");
    } else if (value.isNumber()) {
      out.put("type", "number");
    } else if (value.isBoolean()) {
      out.put("type", "boolean");
    } else if (value.isArray()) {
      out.put("type", "array");
    } else if (value.isObject()) {
      out.put("type", "object");
    } else {
      out.put("type", "null");
    }
  }

  private static Map<String, Object> source(Source source, CompositePlan plan,
      OpenApiBuilder openApi) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (source instanceof Source.CallField field) {
      CallPlan call = plan.calls().get(field.index());
      Map<String, Object> result = member(call.method().getOutputType(), field.path(), openApi);
      if (call.forEach().isPresent()) {
        out.put("type", "array");
        out.put("items", result);
        return out;
      }
      return result;
    }
    if (source instanceof Source.Partial) {
      out.put("type", "array");
      out.put("items", Map.of("type", "string"));
      out.put("description", "The calls that failed, by name; empty when all succeeded.");
    } else if (!(source instanceof Source.ItemField)) {
      out.put("type", "string"); // path, query and header values are text
    }
    return out;
  }

  /** The schema of the value at JSON member path {@code path} of message {@code type}. */
  private static Map<String, Object> member(Descriptor type, MemberPath path,
      OpenApiBuilder openApi) {
    if (path.members().isEmpty()) {
      return openApi.schemaOf(type);
    }
    FieldDescriptor field = null;
    Descriptor current = type;
    for (String member : path.members()) {
      if (current == null) {
        return new LinkedHashMap<>();
      }
      field = null;
      for (FieldDescriptor f : current.getFields()) {
        if (openApi.jsonName(f).equals(member) || f.getName().equals(member)) {
          field = f;
        }
      }
      if (field == null) {
        return new LinkedHashMap<>();
      }
      current = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
          ? field.getMessageType() : null;
    }
    return openApi.schemaOf(field);
  }
}
