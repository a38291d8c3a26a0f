package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.codec.FieldSchema;
import dev.gangway.transcoder.internal.codec.MessageSchema;
import dev.gangway.transcoder.internal.codec.WireAssembler;
import dev.gangway.transcoder.internal.codec.WireMessage;
import java.util.List;

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

  /** The wire bytes the body contributes to the request message (empty when it sets nothing). */
  byte[] apply(String contentType, byte[] body) throws TranscodingException;

  /** One line for the explain output. */
  String describe();

  /** No {@code body}: a request must not carry one. */
  record None(String rule) implements BodyMapping {
    @Override
    public byte[] apply(String contentType, byte[] body) throws TranscodingException {
      if (body.length > 0) {
        throw TranscodingException.invalidArgument(
            "body: not allowed, the rule for " + rule + " has no body");
      }
      return JsonBodyReader.empty();
    }

    @Override
    public String describe() {
      return "none (a request body is rejected)";
    }
  }

  /** {@code body: "*"}: the JSON body is the request message, less what the path binds. */
  record WholeMessage(JsonBodyReader json, MessageSchema type) implements BodyMapping {
    @Override
    public byte[] apply(String contentType, byte[] body) throws TranscodingException {
      return JsonBodyReader.present(contentType, body)
          ? json.message(type, body)
          : JsonBodyReader.empty();
    }

    @Override
    public String describe() {
      return "* (JSON: the whole request message)";
    }
  }

  /** {@code body: "<field>"}: the JSON body is that top-level field's value, of any kind. */
  record Field(FieldDescriptor field, FieldSchema schema, JsonBodyReader json)
      implements BodyMapping {
    @Override
    public byte[] apply(String contentType, byte[] body) throws TranscodingException {
      return JsonBodyReader.present(contentType, body)
          ? json.field(schema, body)
          : JsonBodyReader.empty();
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
    public byte[] apply(String contentType, byte[] body) {
      WireAssembler wire = new WireAssembler(JsonBodyReader.empty());
      wire.set(List.of(contentTypeField), contentType);
      wire.set(List.of(dataField), ByteString.copyFrom(body));
      return wire.toByteArray();
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
    public byte[] apply(String contentType, byte[] body) {
      if (body.length == 0 && contentType.isEmpty()) {
        return JsonBodyReader.empty(); // nothing sent: leave the field unset
      }
      WireAssembler httpBody = new WireAssembler(JsonBodyReader.empty());
      httpBody.set(List.of(contentTypeField), contentType);
      httpBody.set(List.of(dataField), ByteString.copyFrom(body));
      return WireAssembler.single(field, new WireMessage(httpBody.toByteArray())).bytes();
    }

    @Override
    public String describe() {
      return "field " + field.getName() + " (raw bytes: a google.api.HttpBody)";
    }
  }
}
