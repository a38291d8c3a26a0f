package dev.gangway.transcoder.internal.codec;

import com.google.protobuf.Descriptors.Descriptor;

/**
 * The message types whose proto3 JSON form is not a plain object of their fields, by full name.
 * Matched by name, not by descriptor identity: a snapshot may carry its own copy of the files.
 */
enum WellKnown {
  NONE,
  ANY,
  TIMESTAMP,
  DURATION,
  FIELD_MASK,
  STRUCT,
  VALUE,
  LIST_VALUE,
  /** The nine {@code google.protobuf.*Value} wrappers: JSON is the wrapped value's JSON. */
  WRAPPER;

  static WellKnown of(Descriptor type) {
    if (!type.getFile().getPackage().equals("google.protobuf")) {
      return NONE;
    }
    return switch (type.getFullName()) {
      case "google.protobuf.Any" -> ANY;
      case "google.protobuf.Timestamp" -> TIMESTAMP;
      case "google.protobuf.Duration" -> DURATION;
      case "google.protobuf.FieldMask" -> FIELD_MASK;
      case "google.protobuf.Struct" -> STRUCT;
      case "google.protobuf.Value" -> VALUE;
      case "google.protobuf.ListValue" -> LIST_VALUE;
      case "google.protobuf.DoubleValue",
          "google.protobuf.FloatValue",
          "google.protobuf.Int64Value",
          "google.protobuf.UInt64Value",
          "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value",
          "google.protobuf.BoolValue",
          "google.protobuf.StringValue",
          "google.protobuf.BytesValue" -> WRAPPER;
      default -> NONE;
    };
  }

  /** Whether the JSON form is an object of the message's own fields ({@code Empty} included). */
  boolean plainObject() {
    return this == NONE;
  }
}
