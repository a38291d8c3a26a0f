package dev.gangway.transcoder.internal.json;

import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import dev.gangway.transcoder.internal.codec.FieldSchema;
import dev.gangway.transcoder.internal.codec.MessageSchema;
import dev.gangway.transcoder.internal.codec.WireFields;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the HTTP body of one response straight from its wire bytes: one implementation per
 * shape a {@code response_body} selection can take, chosen once by {@link ResponsePlan#compile}.
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
   * The body for the response in {@code wire}.
   *
   * @throws CodecException if the bytes are not a valid response or cannot be written as JSON
   */
  RenderedBody write(byte[] wire) throws CodecException;

  /** The whole response message as JSON (no {@code response_body}). */
  record WholeMessage(CompiledCodec codec, MessageSchema type) implements BodyWriter {
    @Override
    public RenderedBody write(byte[] wire) throws CodecException {
      return json(codec.toJson(type, wire));
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
  record MessageField(CompiledCodec codec, MessageSchema type, FieldSchema field, byte[] unsetJson)
      implements BodyWriter {

    static MessageField compile(CompiledCodec codec, MessageSchema type, FieldSchema field)
        throws CodecException {
      byte[] empty = codec.toJson(codec.schema(field.descriptor().getMessageType()), new byte[0]);
      boolean structured = empty.length > 0 && (empty[0] == '{' || empty[0] == '[');
      byte[] unset = structured ? empty : "null".getBytes(StandardCharsets.UTF_8);
      return new MessageField(codec, type, field, unset);
    }

    @Override
    public RenderedBody write(byte[] wire) throws CodecException {
      byte[] json = codec.fieldToJson(type, field, wire);
      return json(json == null ? unsetJson : json);
    }
  }

  /**
   * A scalar, enum, repeated or map field: its value's JSON, or when the response leaves it
   * unset the JSON of its default ({@code ""}, {@code 0}, {@code []}, {@code {}}, the first enum
   * value...), computed once at compile time with the same options.
   */
  record ValueField(CompiledCodec codec, MessageSchema type, FieldSchema field, byte[] unsetJson)
      implements BodyWriter {

    static ValueField compile(CompiledCodec codec, MessageSchema type, FieldSchema field)
        throws CodecException {
      return new ValueField(codec, type, field, codec.defaultJson(field));
    }

    @Override
    public RenderedBody write(byte[] wire) throws CodecException {
      byte[] json = codec.fieldToJson(type, field, wire);
      return json(json == null ? unsetJson : json);
    }
  }

  /** The response is a {@code google.api.HttpBody}: its bytes, sent as they are. */
  record HttpBodyMessage(int contentType, int data) implements BodyWriter {
    @Override
    public RenderedBody write(byte[] wire) throws CodecException {
      return raw(wire, 0, wire.length, contentType, data);
    }
  }

  /** {@code response_body} selects a {@code google.api.HttpBody} field: its bytes, as they are. */
  record HttpBodyField(int field, int contentType, int data) implements BodyWriter {
    @Override
    public RenderedBody write(byte[] wire) throws CodecException {
      long range = WireFields.lastLengthDelimited(wire, 0, wire.length, field);
      if (range < 0) {
        return raw(wire, 0, 0, contentType, data);
      }
      return raw(wire, (int) (range >>> 32), (int) range, contentType, data);
    }
  }

  private static RenderedBody json(byte[] json) {
    return new RenderedBody(RenderedBody.JSON, json);
  }

  private static RenderedBody raw(
      byte[] wire, int start, int end, int contentTypeNumber, int dataNumber)
      throws CodecException {
    long type = WireFields.lastLengthDelimited(wire, start, end, contentTypeNumber);
    long data = WireFields.lastLengthDelimited(wire, start, end, dataNumber);
    String contentType =
        type < 0 ? "" : new String(wire, (int) (type >>> 32),
            (int) type - (int) (type >>> 32), StandardCharsets.UTF_8);
    byte[] bytes =
        data < 0 ? new byte[0] : Arrays.copyOfRange(wire, (int) (data >>> 32), (int) data);
    return new RenderedBody(
        contentType.isEmpty() ? RenderedBody.OCTET_STREAM : contentType, bytes);
  }
}
