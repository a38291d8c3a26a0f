package dev.gangway.transcoder.openapi;

import static dev.gangway.transcoder.openapi.Json.list;
import static dev.gangway.transcoder.openapi.Json.obj;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON forms of the well-known types (proto3 JSON mapping, "JSON Mapping" table of the
 * protobuf language guide), written inline wherever a field has such a type.
 *
 * <p>Stateless.
 */
final class WellKnownSchemas {
  private WellKnownSchemas() {}

  /** The schema of {@code type} when it has its own JSON form; empty for an ordinary message. */
  static Optional<Map<String, Object>> of(Descriptor type) {
    return Optional.ofNullable(switch (type.getFullName()) {
      case "google.protobuf.Timestamp" -> obj("type", "string", "format", "date-time",
          "description", "RFC 3339 date-time in UTC, e.g. 2024-05-01T12:00:00Z.");
      case "google.protobuf.Duration" -> obj("type", "string",
          "pattern", "^-?[0-9]+(\\.[0-9]{1,9})?s$",
          "description", "Seconds with an s suffix, e.g. 1.5s.");
      case "google.protobuf.FieldMask" -> obj("type", "string",
          "description", "Comma-separated field paths in lowerCamelCase, e.g. title,author.");
      case "google.protobuf.Struct" -> obj("type", "object", "additionalProperties", true);
      case "google.protobuf.Value" -> obj("description", "Any JSON value.");
      case "google.protobuf.ListValue" -> obj("type", "array", "items", obj());
      case "google.protobuf.Empty" -> obj("type", "object");
      case "google.protobuf.Any" -> obj("type", "object",
          "properties", obj("@type", obj("type", "string",
              "description", "The type URL, e.g. type.googleapis.com/google.rpc.ErrorInfo.")),
          "required", list("@type"),
          "additionalProperties", true);
      case "google.protobuf.DoubleValue", "google.protobuf.FloatValue" ->
          nullable("number");
      case "google.protobuf.Int64Value", "google.protobuf.UInt64Value" ->
          withFormat(nullable("string"), "int64");
      case "google.protobuf.Int32Value", "google.protobuf.UInt32Value" ->
          withFormat(nullable("integer"), "int32");
      case "google.protobuf.BoolValue" -> nullable("boolean");
      case "google.protobuf.StringValue" -> nullable("string");
      case "google.protobuf.BytesValue" -> withFormat(nullable("string"), "byte");
      default -> null;
    });
  }

  /** A wrapper prints its value, or {@code null} when unset inside a Value. */
  private static Map<String, Object> nullable(String type) {
    return obj("type", list(type, "null"));
  }

  private static Map<String, Object> withFormat(Map<String, Object> schema, String format) {
    schema.put("format", format);
    return schema;
  }
}
