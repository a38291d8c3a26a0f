package dev.gangway.gateway.compose;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.gateway.compose.TemplateCompiler.TemplateProblem;
import java.util.Map;

/**
 * Checks at load that the member names of a request template are fields of the request type
 * (proto or JSON names), into nested objects as far as the template spells them out. Values are
 * checked per request, when the JSON parser builds the message.
 *
 * <p>Stateless; setup code.
 */
final class RequestShape {
  private RequestShape() {}

  static void check(ValueTemplate template, Descriptor type, String where) throws TemplateProblem {
    if (!(template instanceof ValueTemplate.ObjectTemplate object)) {
      return;
    }
    for (Map.Entry<String, ValueTemplate> member : object.fields().entrySet()) {
      String at = where + "." + member.getKey();
      FieldDescriptor field;
      try {
        field = FieldPaths.field(type, member.getKey());
      } catch (TemplateProblem e) {
        throw new TemplateProblem(at + ": " + e.getMessage());
      }
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isMapField()
          || field.getMessageType().getFile().getPackage().equals("google.protobuf")) {
        continue;
      }
      if (!field.isRepeated()) {
        check(member.getValue(), field.getMessageType(), at);
      } else if (member.getValue() instanceof ValueTemplate.ArrayTemplate array) {
        for (int i = 0; i < array.items().size(); i++) {
          check(array.items().get(i), field.getMessageType(), at + "[" + i + "]");
        }
      }
    }
  }
}
