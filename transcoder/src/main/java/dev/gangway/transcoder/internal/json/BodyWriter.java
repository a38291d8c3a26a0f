package dev.gangway.transcoder.internal.json;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.transcoder.render.RenderedBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the HTTP body of one parsed response: one implementation per shape a
 * {@code response_body} selection can take, chosen once by {@link ResponsePlan#compile}.
 *
 * <p>All implementations are immutable and thread-safe.
 */
sealed interface BodyWriter
    permits BodyWriter.WholeMessage,
        BodyWriter.MessageField,
        BodyWriter.ValueField,
        BodyWriter.HttpBodyMessage,
        BodyWriter.HttpBodyField {

  /**
   * The body for {@code response}.
   *
   * @throws IOException if JsonFormat cannot print it (e.g. an {@code Any} of an unknown type)
   */
  RenderedBody write(Message response) throws IOException;

  /** The whole response message as JSON (no {@code response_body}). */
  record WholeMessage(JsonFormat.Printer printer) implements BodyWriter {
    @Override
    public RenderedBody write(Message response) throws IOException {
      return json(printer, response);
    }
  }

  /**
   * A singular message field, well-known types included. Unset, it prints as the type's default
   * instance when that is a JSON object or array ({@code {}} for plain messages, Struct, Any), and
   * as {@code null} when the type's JSON is a scalar (Timestamp, Duration, FieldMask, wrappers,
   * Value): an epoch or a zero there would state a value the backend never sent.
   *
   * @param unsetJson the JSON for an unset field, computed once at compile time
   */
  record MessageField(FieldDescriptor field, JsonFormat.Printer printer, String unsetJson)
      implements BodyWriter {

    static MessageField compile(FieldDescriptor field, JsonCodec codec) throws IOException {
      Descriptor type = field.getMessageType();
      String empty = codec.printer().print(DynamicMessage.getDefaultInstance(type));
      boolean structured = empty.startsWith("{") || empty.startsWith("[");
      return new MessageField(field, codec.printer(), structured ? empty : "null");
    }

    @Override
    public RenderedBody write(Message response) throws IOException {
      if (!response.hasField(field)) {
        return json(unsetJson);
      }
      return json(printer, (Message) response.getField(field));
    }
  }

  /**
   * A scalar, enum, repeated or map field. JsonFormat prints only messages, so the value is
   * printed inside a holder message of the response type that has only this field set, and cut
   * out of that object; an unset field answers the JSON computed once at compile time.
   *
   * @param memberName the name the printer writes for the field (JSON or proto name)
   * @param unsetJson the field's JSON when the response leaves it unset ({@code ""}, {@code 0},
   *     {@code []}, {@code {}}, the first enum value...), printed with the same options
   */
  record ValueField(
      FieldDescriptor field, JsonFormat.Printer printer, String memberName, String unsetJson)
      implements BodyWriter {

    static ValueField compile(FieldDescriptor field, JsonCodec codec) throws IOException {
      DynamicMessage.Builder holder = DynamicMessage.newBuilder(field.getContainingType());
      if (field.hasPresence()) {
        // Setting a field with presence marks it present, so even its default value is printed.
        holder.setField(field, field.getDefaultValue());
      }
      String name = codec.memberName(field);
      String unset = JsonMembers.value(codec.defaultsPrinter().print(holder), name);
      return new ValueField(field, codec.printer(), name, unset);
    }

    @Override
    public RenderedBody write(Message response) throws IOException {
      boolean set =
          field.isRepeated() ? response.getRepeatedFieldCount(field) > 0 : response.hasField(field);
      if (!set) {
        return json(unsetJson);
      }
      DynamicMessage holder =
          DynamicMessage.newBuilder(field.getContainingType())
              .setField(field, response.getField(field))
              .build();
      // A backend may put a default value on the wire; the holder then prints nothing.
      return json(JsonMembers.valueOrElse(printer.print(holder), memberName, unsetJson));
    }
  }

  /** The response is a {@code google.api.HttpBody}: its bytes, sent as they are. */
  record HttpBodyMessage(FieldDescriptor contentType, FieldDescriptor data) implements BodyWriter {
    @Override
    public RenderedBody write(Message response) {
      return raw(response, contentType, data);
    }
  }

  /** {@code response_body} selects a {@code google.api.HttpBody} field: its bytes, as they are. */
  record HttpBodyField(FieldDescriptor field, FieldDescriptor contentType, FieldDescriptor data)
      implements BodyWriter {
    @Override
    public RenderedBody write(Message response) {
      return raw((Message) response.getField(field), contentType, data);
    }
  }

  private static RenderedBody json(JsonFormat.Printer printer, Message message)
      throws IOException {
    StringBuilder out = new StringBuilder();
    printer.appendTo(message, out);
    return json(out.toString());
  }

  private static RenderedBody json(String json) {
    return new RenderedBody(RenderedBody.JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  private static RenderedBody raw(
      Message httpBody, FieldDescriptor contentTypeField, FieldDescriptor dataField) {
    String contentType = (String) httpBody.getField(contentTypeField);
    ByteString data = (ByteString) httpBody.getField(dataField);
    return new RenderedBody(
        contentType.isEmpty() ? RenderedBody.OCTET_STREAM : contentType, data.toByteArray());
  }
}
