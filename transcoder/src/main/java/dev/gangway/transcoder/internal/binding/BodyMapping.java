package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.gangway.transcoder.errors.TranscodingException;

/**
 * The body step of a plan: what the rule's {@code body} maps the HTTP request body to.
 *
 * <p>Immutable and thread-safe; chosen once per plan by {@link BindingPlanCompiler}.
 */
sealed interface BodyMapping
    permits BodyMapping.None,
        BodyMapping.WholeMessage,
        BodyMapping.Field,
        BodyMapping.HttpBodyWhole,
        BodyMapping.HttpBodyField {

  /** Reads {@code body} into the (still empty) request builder. */
  void apply(Message.Builder request, String contentType, byte[] body) throws TranscodingException;

  /** One line for the explain output. */
  String describe();

  /** No {@code body}: a request must not carry one. */
  record None(String rule) implements BodyMapping {
    @Override
    public void apply(Message.Builder request, String contentType, byte[] body)
        throws TranscodingException {
      if (body.length > 0) {
        throw TranscodingException.invalidArgument(
            "body: not allowed, the rule for " + rule + " has no body");
      }
    }

    @Override
    public String describe() {
      return "none (a request body is rejected)";
    }
  }

  /** {@code body: "*"}: the JSON body is the request message, less what the path binds. */
  record WholeMessage(JsonBodyReader json) implements BodyMapping {
    @Override
    public void apply(Message.Builder request, String contentType, byte[] body)
        throws TranscodingException {
      String text = JsonBodyReader.text(contentType, body);
      if (text != null) {
        json.merge(text, request);
      }
    }

    @Override
    public String describe() {
      return "* (JSON: the whole request message)";
    }
  }

  /** {@code body: "<field>"}: the JSON body is that top-level field's value, of any kind. */
  record Field(FieldDescriptor field, JsonBodyReader json) implements BodyMapping {
    @Override
    public void apply(Message.Builder request, String contentType, byte[] body)
        throws TranscodingException {
      String text = JsonBodyReader.text(contentType, body);
      if (text == null) {
        return;
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()) {
        json.merge(text, FieldAccess.child(request, field));
        return;
      }
      // Scalars, lists and maps have no builder of their own: parse them as the one member of a
      // request object, then make sure the body did not smuggle in other members after the value.
      // The proto name: always an identifier, so it needs no JSON escaping; JsonFormat takes it.
      String prefix = "{\"" + field.getName() + "\":";
      json.merge(prefix + text + "}", request, prefix.length());
      for (FieldDescriptor set : request.getAllFields().keySet()) {
        if (set != field) {
          throw TranscodingException.invalidArgument(
              "body: invalid JSON: expected a single value for field " + field.getName());
        }
      }
    }

    @Override
    public String describe() {
      return "field " + field.getName() + " (JSON: the value of that field)";
    }
  }

  /** {@code body: "*"} on a {@code google.api.HttpBody} request: raw bytes and Content-Type. */
  record HttpBodyWhole(FieldDescriptor contentTypeField, FieldDescriptor dataField)
      implements BodyMapping {
    @Override
    public void apply(Message.Builder request, String contentType, byte[] body) {
      request.setField(contentTypeField, contentType);
      request.setField(dataField, ByteString.copyFrom(body));
    }

    @Override
    public String describe() {
      return "* (raw bytes: the request is a google.api.HttpBody)";
    }
  }

  /** {@code body: "<field>"} naming a {@code google.api.HttpBody} field: raw bytes go there. */
  record HttpBodyField(
      FieldDescriptor field, FieldDescriptor contentTypeField, FieldDescriptor dataField)
      implements BodyMapping {
    @Override
    public void apply(Message.Builder request, String contentType, byte[] body) {
      if (body.length == 0 && contentType.isEmpty()) {
        return; // nothing sent: leave the field unset rather than present and empty
      }
      Message.Builder httpBody = FieldAccess.child(request, field);
      httpBody.setField(contentTypeField, contentType);
      httpBody.setField(dataField, ByteString.copyFrom(body));
    }

    @Override
    public String describe() {
      return "field " + field.getName() + " (raw bytes: a google.api.HttpBody)";
    }
  }
}
