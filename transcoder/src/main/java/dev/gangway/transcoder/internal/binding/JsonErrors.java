package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;

/**
 * Rewrites JsonFormat's parse errors as short, stable client messages. Library wording is reused
 * only where it names a field (unknown field, field set twice, two members of one oneof); value
 * errors keep the offending JSON value and say which type was expected; anything else, including
 * Gson syntax errors, becomes a fixed phrase (with the line and column when Gson gives them).
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonErrors {

  /** A JsonFormat message prefix and what it means: "{value} is not a valid {type}". */
  private record ValueError(String prefix, String type) {}

  private static final List<ValueError> VALUE_ERRORS =
      List.of(
          new ValueError("Not an int32 value: ", "int32"),
          new ValueError("Out of range int32 value: ", "int32"),
          new ValueError("Not an int64 value: ", "int64"),
          new ValueError("Out of range int64 value: ", "int64"),
          new ValueError("Not an uint32 value: ", "uint32"),
          new ValueError("Out of range uint32 value: ", "uint32"),
          new ValueError("Not an uint64 value: ", "uint64"),
          new ValueError("Out of range uint64 value: ", "uint64"),
          new ValueError("Invalid bool value: ", "bool"),
          new ValueError("Not a float value: ", "float"),
          new ValueError("Out of range float value: ", "float"),
          new ValueError("Not a double value: ", "double"),
          new ValueError("Out of range double value: ", "double"),
          new ValueError("Failed to parse timestamp: ", "google.protobuf.Timestamp"),
          new ValueError("Failed to parse duration: ", "google.protobuf.Duration"));

  private static final String UNKNOWN_FIELD = "Cannot find field: ";
  private static final String IN_MESSAGE = " in message ";
  private static final String FIELD = "Field ";
  private static final String SET_TWICE = " has already been set.";
  private static final String ONEOF = "Cannot set field ";
  private static final String ONEOF_OTHER = " because another field ";
  private static final String ONEOF_END = " belonging to the same oneof has already been set";
  private static final String BAD_ENUM = "Invalid enum value: ";
  private static final String FOR_ENUM = " for enum type: ";
  private static final String NULL_ELEMENT = "Repeated field elements cannot be null in field: ";

  private JsonErrors() {}

  /**
   * The client message for a JsonFormat error, always starting with {@code body: }.
   *
   * @param columnShift characters put before the client's JSON on its first line (a wrapper
   *     object), taken off the column of a syntax error there
   */
  static String describe(InvalidProtocolBufferException e, int columnShift) {
    return describe(e, columnShift, "body");
  }

  /**
   * The same message for JSON that is not a request body (e.g. a composite call's request built
   * from a template), starting with {@code subject: } instead of {@code body: }.
   */
  public static String describe(InvalidProtocolBufferException e, String subject) {
    return describe(e, 0, subject);
  }

  private static String describe(InvalidProtocolBufferException e, int columnShift, String subject) {
    String m = e.getMessage() == null ? "" : e.getMessage().strip();
    if (m.startsWith(UNKNOWN_FIELD) && m.contains(IN_MESSAGE)) {
      int in = m.lastIndexOf(IN_MESSAGE);
      return subject + ": unknown field " + Quoting.quote(m.substring(UNKNOWN_FIELD.length(), in))
          + " in " + m.substring(in + IN_MESSAGE.length());
    }
    if (m.startsWith(FIELD) && m.endsWith(SET_TWICE)) {
      return subject + ": field " + m.substring(FIELD.length(), m.length() - SET_TWICE.length())
          + " is set more than once";
    }
    if (m.startsWith(ONEOF) && m.contains(ONEOF_OTHER) && m.endsWith(ONEOF_END)) {
      int other = m.indexOf(ONEOF_OTHER);
      return subject + ": fields " + m.substring(ONEOF.length(), other) + " and "
          + m.substring(other + ONEOF_OTHER.length(), m.length() - ONEOF_END.length())
          + " are in the same oneof; set only one";
    }
    if (m.startsWith(BAD_ENUM) && m.contains(FOR_ENUM)) {
      int type = m.indexOf(FOR_ENUM);
      return subject + ": invalid JSON: " + m.substring(BAD_ENUM.length(), type)
          + " is not a value of enum " + m.substring(type + FOR_ENUM.length());
    }
    for (ValueError v : VALUE_ERRORS) {
      if (m.startsWith(v.prefix())) {
        return subject + ": invalid JSON: " + shorten(m.substring(v.prefix().length()))
            + " is not a valid " + v.type();
      }
    }
    if (m.startsWith(NULL_ELEMENT)) {
      return subject + ": invalid JSON: null in repeated field " + m.substring(NULL_ELEMENT.length());
    }
    return subject + ": invalid JSON: " + generic(m, columnShift);
  }

  private static String generic(String m, int columnShift) {
    if (m.startsWith("Expect message object") || m.startsWith("Expect a map object")) {
      return "expected an object";
    }
    if (m.startsWith("Expected an array")) {
      return "expected an array";
    }
    if (m.startsWith("Cannot resolve type: ")) {
      return "unknown type in @type";
    }
    if (m.startsWith("Hit recursion limit")) {
      return "nested too deeply";
    }
    if (m.startsWith("Map value cannot be null")) {
      return "null as a map value";
    }
    if (m.startsWith("Illegal base64")) {
      return "a bytes value is not valid base64";
    }
    String where = position(m, columnShift);
    return where == null ? "malformed JSON" : "syntax error at " + where;
  }

  /** {@code line 1 column 7} from a Gson message, or null. */
  private static String position(String m, int columnShift) {
    int at = m.indexOf(" at line ");
    if (at < 0) {
      return null;
    }
    int lineStart = at + " at line ".length();
    int lineEnd = digitsEnd(m, lineStart);
    if (lineEnd == lineStart || !m.startsWith(" column ", lineEnd)) {
      return null;
    }
    int columnStart = lineEnd + " column ".length();
    int columnEnd = digitsEnd(m, columnStart);
    if (columnEnd == columnStart) {
      return null;
    }
    String line = m.substring(lineStart, lineEnd);
    long column = Long.parseLong(m.substring(columnStart, columnEnd));
    if (line.equals("1")) {
      column = Math.max(1, column - columnShift);
    }
    return "line " + line + " column " + column;
  }

  private static int digitsEnd(String m, int start) {
    int i = start;
    while (i < m.length() && m.charAt(i) >= '0' && m.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** Gson quotes strings in these messages already; cap the length all the same. */
  private static String shorten(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "...";
  }
}
