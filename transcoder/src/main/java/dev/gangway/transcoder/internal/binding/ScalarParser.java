package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one decoded path or query text into a value for one field type, in the form
 * {@code Message.Builder.setField} takes (Integer, Long, ..., EnumValueDescriptor), or the wire
 * bytes of a wrapper, Timestamp, Duration or FieldMask
 * ({@link dev.gangway.transcoder.internal.codec.WireMessage}).
 *
 * <p>Implementations are immutable and thread-safe; {@link #forField} builds one per field at load
 * time, so a request only runs the parse.
 */
@FunctionalInterface
interface ScalarParser {

  /** Parses {@code text}; the exception's reason quotes the text and names the expected type. */
  Object parse(String text) throws InvalidValueException;

  /**
   * Whether a path variable or a query parameter can give this field's value (cardinality aside):
   * every scalar and enum, plus the message types with a scalar JSON form.
   */
  static boolean supports(FieldDescriptor field) {
    return field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
        || MessageValueParsers.supports(field.getMessageType());
  }

  /** The parser for {@code field}'s type; only for fields {@link #supports} accepts. */
  static ScalarParser forField(FieldDescriptor field) {
    String type = field.getType().name().toLowerCase(java.util.Locale.ROOT);
    return switch (field.getType()) {
      case INT32, SINT32, SFIXED32 -> NumberParsers.int32(type);
      case INT64, SINT64, SFIXED64 -> NumberParsers.int64(type);
      case UINT32, FIXED32 -> NumberParsers.uint32(type);
      case UINT64, FIXED64 -> NumberParsers.uint64(type);
      case FLOAT -> NumberParsers.FLOAT;
      case DOUBLE -> NumberParsers.DOUBLE;
      case BOOL -> ScalarParser::parseBool;
      case STRING -> text -> text;
      case BYTES -> ScalarParser::parseBytes;
      case ENUM -> enumParser(field.getEnumType());
      case MESSAGE, GROUP -> MessageValueParsers.forType(field.getMessageType());
    };
  }

  /** Only the proto3 JSON literals: {@code 1}, {@code yes} or {@code True} are errors. */
  private static Object parseBool(String text) throws InvalidValueException {
    if (text.equals("true")) {
      return Boolean.TRUE;
    }
    if (text.equals("false")) {
      return Boolean.FALSE;
    }
    throw new InvalidValueException(Quoting.quote(text) + " is not a valid bool (true or false)");
  }

  /** Standard or URL-safe base64, padded or not (proto3 JSON accepts both alphabets). */
  private static Object parseBytes(String text) throws InvalidValueException {
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    try {
      byte[] bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
      return ByteString.copyFrom(bytes);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(Quoting.quote(text) + " is not valid base64");
    }
  }

  /**
   * By value name, or by number. Open (proto3) enums take any int32 number, as the binary format
   * and JsonFormat do; closed (proto2) enums only their declared numbers.
   */
  private static ScalarParser enumParser(EnumDescriptor type) {
    Map<String, EnumValueDescriptor> byName = new HashMap<>();
    for (EnumValueDescriptor v : type.getValues()) {
      byName.put(v.getName(), v);
    }
    Map<String, EnumValueDescriptor> names = Map.copyOf(byName);
    ScalarParser number = NumberParsers.int32("enum");
    String what = "value of enum " + type.getFullName();
    return text -> {
      EnumValueDescriptor named = names.get(text);
      if (named != null) {
        return named;
      }
      int n;
      try {
        n = (Integer) number.parse(text);
      } catch (InvalidValueException e) {
        throw InvalidValueException.notA(text, what);
      }
      EnumValueDescriptor known = type.findValueByNumber(n);
      if (known != null) {
        return known;
      }
      if (type.isClosed()) {
        throw InvalidValueException.notA(text, what);
      }
      return type.findValueByNumberCreatingIfUnknown(n);
    };
  }
}
