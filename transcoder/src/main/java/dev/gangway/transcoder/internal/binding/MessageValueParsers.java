package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.FieldMaskUtil;
import dev.gangway.transcoder.internal.codec.TimeText;
import dev.gangway.transcoder.internal.codec.WireAssembler;
import java.util.Set;
import java.util.function.Function;

/**
 * Parsers for the message types whose proto3 JSON form is a single string or number: the
 * {@code google.protobuf.*Value} wrappers, {@code Timestamp} (RFC 3339), {@code Duration}
 * ({@code 1.5s}) and {@code FieldMask} (comma-separated lowerCamel paths).
 *
 * <p>Stateless and thread-safe. Values are the messages' wire bytes
 * ({@link dev.gangway.transcoder.internal.codec.WireMessage}), by the field numbers the
 * well-known .proto files fix, so they fit descriptors loaded at run time as well as generated
 * ones and no message object is built per request.
 */
final class MessageValueParsers {
  private static final String TIMESTAMP = "google.protobuf.Timestamp";
  private static final String DURATION = "google.protobuf.Duration";
  private static final String FIELD_MASK = "google.protobuf.FieldMask";
  private static final Set<String> WRAPPERS =
      Set.of(
          "google.protobuf.DoubleValue",
          "google.protobuf.FloatValue",
          "google.protobuf.Int64Value",
          "google.protobuf.UInt64Value",
          "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value",
          "google.protobuf.BoolValue",
          "google.protobuf.StringValue",
          "google.protobuf.BytesValue");

  private MessageValueParsers() {}

  /** Whether {@code type} is a wrapper, Timestamp, Duration or FieldMask. */
  static boolean supports(Descriptor type) {
    String name = type.getFullName();
    return isWrapper(type) || name.equals(TIMESTAMP) || name.equals(DURATION)
        || name.equals(FIELD_MASK);
  }

  /** Whether {@code type} is one of the nine {@code google.protobuf.*Value} wrappers. */
  static boolean isWrapper(Descriptor type) {
    return WRAPPERS.contains(type.getFullName());
  }

  /** The parser for a type {@link #supports} accepts. */
  static ScalarParser forType(Descriptor type) {
    String name = type.getFullName();
    if (isWrapper(type)) {
      return wrapper(type);
    }
    if (name.equals(TIMESTAMP)) {
      return timestamp(type);
    }
    if (name.equals(DURATION)) {
      return duration(type);
    }
    if (name.equals(FIELD_MASK)) {
      return fieldMask(type);
    }
    throw new IllegalArgumentException(name + " has no scalar JSON form");
  }

  private static ScalarParser wrapper(Descriptor type) {
    FieldDescriptor value = type.findFieldByNumber(1);
    ScalarParser inner = ScalarParser.forField(value);
    return text -> WireAssembler.single(value, inner.parse(text));
  }

  private static ScalarParser timestamp(Descriptor type) {
    return secondsAndNanos(
        type, TIMESTAMP + " (RFC 3339, e.g. 2024-01-31T12:00:00Z)", TimeText::parseTimestamp);
  }

  private static ScalarParser duration(Descriptor type) {
    return secondsAndNanos(type, DURATION + " (e.g. 1.5s)", TimeText::parseDuration);
  }

  /** Timestamp and Duration: both are {seconds = 1, nanos = 2} with a JSON string form. */
  private static ScalarParser secondsAndNanos(
      Descriptor type, String what, Function<String, TimeText.SecondsNanos> parser) {
    return text -> {
      TimeText.SecondsNanos parsed;
      try {
        parsed = parser.apply(text);
      } catch (IllegalArgumentException e) {
        throw InvalidValueException.notA(text, what);
      }
      return WireAssembler.secondsAndNanos(parsed.seconds(), parsed.nanos());
    };
  }

  private static ScalarParser fieldMask(Descriptor type) {
    String what = FIELD_MASK + " (comma-separated paths, e.g. title,publishTime)";
    return text -> {
      com.google.protobuf.FieldMask mask;
      try {
        mask = FieldMaskUtil.fromJsonString(text);
      } catch (IllegalArgumentException e) {
        throw InvalidValueException.notA(text, what);
      }
      return WireAssembler.fieldMask(mask.getPathsList());
    };
  }
}
