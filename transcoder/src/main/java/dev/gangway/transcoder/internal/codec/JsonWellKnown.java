package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the JSON forms of the well-known types into their wire encoding: wrappers (the bare
 * value), {@code Timestamp} and {@code Duration} (RFC 3339 and {@code 1.5s} strings),
 * {@code FieldMask} (comma-separated lowerCamel paths), {@code Struct}, {@code Value},
 * {@code ListValue} (any JSON), and {@code Any} ({@code @type} plus the payload's fields, or its
 * {@code value} when the payload is itself a well-known type). Field numbers are the ones the
 * well-known .proto files fix.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonWellKnown {
  private static final String TYPE = "@type";

  private JsonWellKnown() {}

  static void read(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    switch (s.wellKnown) {
      case WRAPPER -> {
        r.scalarField(s.fieldNumbered(1));
      }
      case TIMESTAMP -> timestamp(r, s);
      case DURATION -> duration(r, s);
      case FIELD_MASK -> fieldMask(r, s);
      case STRUCT -> struct(r, s);
      case VALUE -> value(r, s);
      case LIST_VALUE -> list(r, s);
      case ANY -> any(r);
      case NONE -> throw new IllegalStateException(s + " is not a well-known type");
    }
  }

  private static String string(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    if (r.p.currentToken() != JsonToken.VALUE_STRING) {
      throw notValid(r.p, s);
    }
    return r.p.getText();
  }

  private static CodecException notValid(JsonParser p, MessageSchema s) throws IOException {
    return CodecException.invalid(JsonScalars.valueText(p) + " is not a valid " + s.fullName);
  }

  private static void timestamp(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    TimeText.SecondsNanos t;
    try {
      t = TimeText.parseTimestamp(string(r, s));
    } catch (IllegalArgumentException e) {
      throw notValid(r.p, s);
    }
    secondsAndNanos(r.out, t.seconds(), t.nanos());
  }

  private static void duration(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    TimeText.SecondsNanos d;
    try {
      d = TimeText.parseDuration(string(r, s));
    } catch (IllegalArgumentException e) {
      throw notValid(r.p, s);
    }
    secondsAndNanos(r.out, d.seconds(), d.nanos());
  }

  private static void secondsAndNanos(WireWriter out, long seconds, int nanos) {
    if (seconds != 0) {
      out.writeTag(0x08); // seconds = 1, varint
      out.writeVarint64(seconds);
    }
    if (nanos != 0) {
      out.writeTag(0x10); // nanos = 2, varint
      out.writeVarint64(nanos);
    }
  }

  /** {@code "a,b.cD"} -> paths {@code a}, {@code b.c_d}; an underscore has no JSON spelling. */
  private static void fieldMask(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    String text = string(r, s);
    int start = 0;
    while (start <= text.length()) {
      int comma = text.indexOf(',', start);
      int end = comma < 0 ? text.length() : comma;
      if (end > start) {
        StringBuilder path = new StringBuilder(end - start + 4);
        for (int i = start; i < end; i++) {
          char c = text.charAt(i);
          if (c == '_') {
            throw notValid(r.p, s);
          }
          if (c >= 'A' && c <= 'Z') {
            path.append('_').append((char) (c + ('a' - 'A')));
          } else {
            path.append(c);
          }
        }
        r.out.writeTag(0x0A); // paths = 1
        if (!r.out.writeString(path.toString())) {
          throw notValid(r.p, s);
        }
      }
      start = end + 1;
    }
  }

  private static void struct(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    if (r.p.currentToken() != JsonToken.START_OBJECT) {
      throw CodecException.invalid("expected an object");
    }
    FieldSchema fields = s.fieldNumbered(1);
    MessageSchema valueSchema = fields.mapValue.message;
    Set<String> keys = null;
    String key;
    int entries = 0;
    while ((key = r.p.nextFieldName()) != null) {
      r.entry(++entries);
      if (keys == null) {
        keys = new HashSet<>();
      }
      if (!keys.add(key)) {
        throw CodecException.invalid(
            "key " + Quote.json(key) + " is given more than once in a " + s.fullName);
      }
      r.out.writeTag(0x0A); // fields = 1: map entry
      r.out.beginLengthDelimited();
      r.out.writeTag(0x0A); // key = 1
      if (!r.out.writeString(key)) {
        throw JsonScalars.unpairedSurrogate(fields);
      }
      r.out.writeTag(0x12); // value = 2
      r.out.beginLengthDelimited();
      r.p.nextToken();
      r.messageValue(valueSchema);
      r.out.endLengthDelimited();
      r.out.endLengthDelimited();
    }
  }

  private static void value(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    JsonToken t = r.p.currentToken();
    WireWriter out = r.out;
    switch (t) {
      case VALUE_NULL -> {
        out.writeTag(0x08); // null_value = 1
        out.writeRawByte(0);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        double d = r.p.getDoubleValue();
        if (Double.isInfinite(d)) {
          throw notValid(r.p, s);
        }
        out.writeTag(0x11); // number_value = 2, fixed64
        out.writeFixed64(Double.doubleToRawLongBits(d));
      }
      case VALUE_STRING -> {
        out.writeTag(0x1A); // string_value = 3
        if (!out.writeString(r.p.getTextCharacters(), r.p.getTextOffset(), r.stringLength())) {
          throw JsonScalars.unpairedSurrogate(s.fieldNumbered(3));
        }
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        out.writeTag(0x20); // bool_value = 4
        out.writeRawByte(t == JsonToken.VALUE_TRUE ? 1 : 0);
      }
      case START_OBJECT -> nested(r, s.fieldNumbered(5));
      case START_ARRAY -> nested(r, s.fieldNumbered(6));
      default -> throw CodecException.invalid("malformed JSON");
    }
  }

  private static void nested(JsonToWire r, FieldSchema f) throws IOException, CodecException {
    r.out.writeTag(f.tag);
    r.out.beginLengthDelimited();
    r.messageValue(f.message);
    r.out.endLengthDelimited();
  }

  private static void list(JsonToWire r, MessageSchema s) throws IOException, CodecException {
    if (r.p.currentToken() != JsonToken.START_ARRAY) {
      throw CodecException.invalid("expected an array");
    }
    FieldSchema values = s.fieldNumbered(1);
    int entries = 0;
    while (r.p.nextToken() != JsonToken.END_ARRAY) {
      r.entry(++entries);
      nested(r, values);
    }
  }

  private static void any(JsonToWire r) throws IOException, CodecException {
    if (r.p.currentToken() != JsonToken.START_OBJECT) {
      throw CodecException.invalid("expected an object");
    }
    String first = r.p.nextFieldName();
    if (first == null) {
      return; // {}: the empty Any
    }
    if (!first.equals(TYPE)) {
      reordered(r, first);
      return;
    }
    r.p.nextToken();
    anyBody(r, typeUrl(r));
  }

  private static String typeUrl(JsonToWire r) throws IOException, CodecException {
    if (r.p.currentToken() != JsonToken.VALUE_STRING) {
      throw CodecException.invalid(JsonScalars.valueText(r.p) + " is not a valid @type");
    }
    return r.p.getText();
  }

  /** After {@code @type}: the payload, from the next member to the end of the object. */
  private static void anyBody(JsonToWire r, String typeUrl) throws IOException, CodecException {
    MessageSchema payload = r.schemas.forTypeUrl(typeUrl);
    if (payload == null) {
      throw CodecException.invalid("unknown type in @type");
    }
    r.out.writeTag(0x0A); // type_url = 1
    if (!r.out.writeString(typeUrl)) {
      throw CodecException.invalid("unknown type in @type");
    }
    r.out.writeTag(0x12); // value = 2
    r.out.beginLengthDelimited();
    if (++r.depth > JsonToWire.MAX_DEPTH) {
      throw CodecException.invalid("nested too deeply");
    }
    if (payload.wellKnown.plainObject()) {
      r.members(payload);
    } else {
      String name = r.p.nextFieldName();
      if (name != null) {
        if (!name.equals("value")) {
          throw new CodecException(
              "unknown field " + Quote.json(name) + " in google.protobuf.Any of " + payload);
        }
        r.p.nextToken();
        r.messageValue(payload);
        name = r.p.nextFieldName();
        if (name != null) {
          throw new CodecException(
              "unknown field " + Quote.json(name) + " in google.protobuf.Any of " + payload);
        }
      }
    }
    r.depth--;
    r.out.endLengthDelimited();
  }

  /**
   * {@code @type} is not the first member: the members before it are copied aside (as JSON
   * tokens) and read once the type is known. Rare; JsonFormat writes {@code @type} first.
   */
  private static void reordered(JsonToWire r, String first) throws IOException, CodecException {
    ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    String typeUrl = null;
    try (JsonGenerator g = r.factory.createGenerator(buffer)) {
      g.writeStartObject();
      String name = first;
      while (name != null) {
        r.p.nextToken();
        if (name.equals(TYPE)) {
          if (typeUrl != null) {
            throw new CodecException("field @type of google.protobuf.Any is set more than once");
          }
          typeUrl = typeUrl(r);
        } else {
          g.writeFieldName(name);
          g.copyCurrentStructure(r.p);
        }
        name = r.p.nextFieldName();
      }
      g.writeEndObject();
    }
    if (typeUrl == null) {
      throw CodecException.invalid("google.protobuf.Any has no @type");
    }
    try (JsonParser rest = r.factory.createParser(buffer.toByteArray())) {
      rest.nextToken();
      JsonToWire sub =
          new JsonToWire(r.factory, r.schemas, r.ignoreUnknown, r.limits, rest, null, r.out);
      sub.depth = r.depth;
      anyBody(sub, typeUrl);
    }
  }
}
