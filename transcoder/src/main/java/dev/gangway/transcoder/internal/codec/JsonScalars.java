package dev.gangway.transcoder.internal.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Reads one scalar or enum value of proto3 JSON from the parser's current token and writes its
 * wire encoding (without the tag). Integers take a JSON number or a string holding one; floats
 * also {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; bools only {@code true} and
 * {@code false}; strings and bytes only JSON strings (a number for a string field is refused);
 * enums a value name or an integer.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonScalars {
  private JsonScalars() {}

  /** The integer kinds by range, with the type name the error messages use. */
  private enum IntKind {
    INT32("int32"),
    UINT32("uint32"),
    INT64("int64"),
    UINT64("uint64");

    final String label;

    IntKind(String label) {
      this.label = label;
    }

    boolean fits(long v) {
      return switch (this) {
        case INT32 -> v == (int) v;
        case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
        case INT64 -> true;
        case UINT64 -> v >= 0;
      };
    }

    boolean fits(BigInteger v) {
      return switch (this) {
        case INT32 -> JsonNumbers.fitsInt32(v);
        case UINT32 -> JsonNumbers.fitsUint32(v);
        case INT64 -> JsonNumbers.fitsInt64(v);
        case UINT64 -> JsonNumbers.fitsUint64(v);
      };
    }
  }

  /**
   * Writes the current token as a value of {@code f}.
   *
   * @return false when nothing was written: an unknown enum name dropped by the unknown-field
   *     policy
   */
  static boolean write(JsonToWire r, FieldSchema f) throws IOException, CodecException {
    // The usual kinds in a method small enough for the JIT to inline where it is called (the
    // one switch over every kind was too big, and cost a call per value); the rest below.
    switch (f.type) {
      case STRING -> string(r, f);
      case INT64 -> r.out.writeVarint64(integer(r, IntKind.INT64));
      case INT32 -> r.out.writeVarint64(integer(r, IntKind.INT32));
      default -> {
        return writeOther(r, f);
      }
    }
    return true;
  }

  private static boolean writeOther(JsonToWire r, FieldSchema f)
      throws IOException, CodecException {
    JsonParser p = r.p;
    WireWriter out = r.out;
    switch (f.type) {
      case INT32 -> out.writeVarint64(integer(r, IntKind.INT32));
      case SINT32 -> {
        int v = (int) integer(r, IntKind.INT32);
        out.writeUInt32((v << 1) ^ (v >> 31));
      }
      case SFIXED32 -> out.writeFixed32((int) integer(r, IntKind.INT32));
      case INT64 -> out.writeVarint64(integer(r, IntKind.INT64));
      case SINT64 -> {
        long v = integer(r, IntKind.INT64);
        out.writeVarint64((v << 1) ^ (v >> 63));
      }
      case SFIXED64 -> out.writeFixed64(integer(r, IntKind.INT64));
      case UINT32 -> out.writeUInt32((int) integer(r, IntKind.UINT32));
      case FIXED32 -> out.writeFixed32((int) integer(r, IntKind.UINT32));
      case UINT64 -> out.writeVarint64(integer(r, IntKind.UINT64));
      case FIXED64 -> out.writeFixed64(integer(r, IntKind.UINT64));
      case DOUBLE -> out.writeFixed64(Double.doubleToRawLongBits(floating(p, "double")));
      case FLOAT -> out.writeFixed32(Float.floatToRawIntBits(toFloat(p, floating(p, "float"))));
      case BOOL -> out.writeRawByte(bool(p) ? 1 : 0);
      case STRING -> string(r, f);
      case BYTES -> bytes(p, out, f);
      case ENUM -> {
        Integer number = enumNumber(r, f);
        if (number == null) {
          return false;
        }
        out.writeVarint64(number);
      }
      case MESSAGE, GROUP -> throw new IllegalStateException(f + " is not a scalar");
    }
    return true;
  }

  private static long integer(JsonToWire r, IntKind kind) throws IOException, CodecException {
    JsonParser p = r.p;
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      // The usual int64 form ("12345"): read in place, no String and no BigInteger.
      long v = r.plainShortInteger();
      if (v != Long.MIN_VALUE && kind.fits(v)) {
        r.skipPlainInteger();
        return v;
      }
    } else if (t == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long v = p.getLongValue();
      if (kind.fits(v)) {
        return v;
      }
    }
    return integerAsText(r, kind, t);
  }

  /** The rest of {@link #integer}: text that is not a short plain integer, and the refusals. */
  private static long integerAsText(JsonToWire r, IntKind kind, JsonToken t)
      throws IOException, CodecException {
    JsonParser p = r.p;
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      throw notValid(p, kind.label);
    }
    if (t == JsonToken.VALUE_STRING) {
      long v = r.plainShortInteger(); // in place but out of range, or else as characters
      if (v == Long.MIN_VALUE) {
        v = JsonNumbers.shortInteger(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      }
      if (v != Long.MIN_VALUE) {
        return fitting(p, kind, v);
      }
    }
    boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    if (!number && !(t == JsonToken.VALUE_STRING && JsonNumbers.isJsonNumber(p.getText()))) {
      throw notValid(p, kind.label);
    }
    BigInteger v = JsonNumbers.wholeValue(p.getText());
    if (v == null || !kind.fits(v)) {
      throw notValid(p, kind.label);
    }
    return v.longValue(); // uint64 above 2^63 keeps its bits, as the wire wants
  }

  private static long fitting(JsonParser p, IntKind kind, long v)
      throws IOException, CodecException {
    if (kind.fits(v)) {
      return v;
    }
    throw notValid(p, kind.label);
  }

  private static double floating(JsonParser p, String type) throws IOException, CodecException {
    JsonToken t = p.currentToken();
    double d;
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      d = p.getDoubleValue();
    } else if (t == JsonToken.VALUE_STRING) {
      String text = p.getText();
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          if (!JsonNumbers.isJsonNumber(text)) {
            throw notValid(p, type);
          }
          d = Double.parseDouble(text);
      }
    } else {
      throw notValid(p, type);
    }
    if (Double.isInfinite(d)) {
      throw notValid(p, type); // 1e400 is out of range, not infinity
    }
    return d;
  }

  // As JsonFormat: a double that rounds to beyond the float range is refused, not made infinite.
  private static float toFloat(JsonParser p, double d) throws IOException, CodecException {
    if (!Double.isInfinite(d) && !Double.isNaN(d)
        && Math.abs(d) > Float.MAX_VALUE * (1.0 + 1e-6)) {
      throw notValid(p, "float");
    }
    return (float) d;
  }

  private static boolean bool(JsonParser p) throws IOException, CodecException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw notValid(p, "bool");
  }

  private static void string(JsonToWire r, FieldSchema f) throws IOException, CodecException {
    JsonParser p = r.p;
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw CodecException.invalid(
          valueText(p) + " is not a valid string (field " + f.fullName + ")");
    }
    if (r.copyPlainString()) {
      return;
    }
    if (!r.out.writeString(p.getTextCharacters(), p.getTextOffset(), r.stringLength())) {
      throw unpairedSurrogate(f);
    }
  }

  static CodecException unpairedSurrogate(FieldSchema f) {
    return CodecException.invalid(
        "a string with an unpaired surrogate is not valid Unicode (field " + f.fullName + ")");
  }

  private static void bytes(JsonParser p, WireWriter out, FieldSchema f)
      throws IOException, CodecException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw CodecException.invalid(
          valueText(p) + " is not a valid bytes value (field " + f.fullName + ")");
    }
    byte[] decoded = base64(p.getText());
    out.writeBytes(decoded, 0, decoded.length);
  }

  /** Standard or URL-safe base64, padded or not, as the spec allows. */
  static byte[] base64(String text) throws CodecException {
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      throw CodecException.invalid("a bytes value is not valid base64");
    }
  }

  /** The enum number, or null for an unknown name the unknown-field policy drops. */
  private static Integer enumNumber(JsonToWire r, FieldSchema f) throws IOException, CodecException {
    JsonParser p = r.p;
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      Integer byName = f.enumNumbers.get(p.getText());
      if (byName != null) {
        return byName;
      }
    } else if (t == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() == JsonParser.NumberType.INT) {
      int n = p.getIntValue();
      if (!f.enumType.isClosed() || f.enumNames.containsKey(n)) {
        return n; // open enums keep unknown numbers, as the binary format does
      }
    } else if (t != JsonToken.VALUE_NUMBER_INT) {
      throw notAnEnum(p, f);
    }
    if (r.ignoreUnknown) {
      return null;
    }
    throw notAnEnum(p, f);
  }

  private static CodecException notAnEnum(JsonParser p, FieldSchema f) throws IOException {
    return CodecException.invalid(
        valueText(p) + " is not a value of enum " + f.enumType.getFullName());
  }

  /** A map key (always a JSON string) as the key field's value, with the key's tag. */
  static void writeMapKey(JsonToWire r, FieldSchema key, String text) throws CodecException {
    // String keys (most maps) in a method small enough to be inlined; the other kinds below.
    if (key.type == FieldDescriptor.Type.STRING) {
      r.out.writeTag(key.tag);
      if (!r.out.writeString(text)) {
        throw unpairedSurrogate(key);
      }
      return;
    }
    writeOtherMapKey(r, key, text);
  }

  private static void writeOtherMapKey(JsonToWire r, FieldSchema key, String text)
      throws CodecException {
    WireWriter out = r.out;
    out.writeTag(key.tag);
    switch (key.type) {
      case BOOL -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw CodecException.invalid(Quote.json(text) + " is not a valid bool");
        }
        out.writeRawByte(text.equals("true") ? 1 : 0);
      }
      case INT32, SFIXED32, SINT32 -> {
        int v = (int) keyInteger(text, IntKind.INT32);
        switch (key.type) {
          case SFIXED32 -> out.writeFixed32(v);
          case SINT32 -> out.writeUInt32((v << 1) ^ (v >> 31));
          default -> out.writeVarint64(v);
        }
      }
      case INT64, SFIXED64, SINT64 -> {
        long v = keyInteger(text, IntKind.INT64);
        switch (key.type) {
          case SFIXED64 -> out.writeFixed64(v);
          case SINT64 -> out.writeVarint64((v << 1) ^ (v >> 63));
          default -> out.writeVarint64(v);
        }
      }
      case UINT32 -> out.writeUInt32((int) keyInteger(text, IntKind.UINT32));
      case FIXED32 -> out.writeFixed32((int) keyInteger(text, IntKind.UINT32));
      case UINT64 -> out.writeVarint64(keyInteger(text, IntKind.UINT64));
      case FIXED64 -> out.writeFixed64(keyInteger(text, IntKind.UINT64));
      default -> throw new IllegalStateException(key + " cannot be a map key");
    }
  }

  private static long keyInteger(String text, IntKind kind) throws CodecException {
    BigInteger v = JsonNumbers.isJsonNumber(text) ? JsonNumbers.wholeValue(text) : null;
    if (v == null || !kind.fits(v)) {
      throw CodecException.invalid(Quote.json(text) + " is not a valid " + kind.label);
    }
    return v.longValue();
  }

  static CodecException notValid(JsonParser p, String type) throws IOException {
    return CodecException.invalid(valueText(p) + " is not a valid " + type);
  }

  /** The current value as the error messages show it: strings quoted, numbers as written. */
  static String valueText(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return Quote.json(p.getText());
    }
    if (t == JsonToken.START_OBJECT) {
      return "an object";
    }
    if (t == JsonToken.START_ARRAY) {
      return "an array";
    }
    return Quote.raw(p.getText());
  }
}
