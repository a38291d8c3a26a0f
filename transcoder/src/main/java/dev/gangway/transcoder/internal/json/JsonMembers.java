package dev.gangway.transcoder.internal.json;

/**
 * Finds one top-level member's value in a compact JSON object written by JsonFormat, without
 * parsing the rest: JsonFormat prints only whole messages, so a single field is printed inside a
 * one-field holder message and its value is cut out here.
 *
 * <p>Stateless and thread-safe. Input must be a well-formed object without insignificant
 * whitespace ({@code omittingInsignificantWhitespace()}), whose member names JsonFormat writes
 * verbatim between quotes.
 */
final class JsonMembers {
  private JsonMembers() {}

  /**
   * The JSON text of member {@code name} of {@code object}.
   *
   * @throws IllegalStateException if the object has no such member
   */
  static String value(String object, String name) {
    String value = valueOrElse(object, name, null);
    if (value == null) {
      throw new IllegalStateException("printed object has no member " + name);
    }
    return value;
  }

  /** The JSON text of member {@code name} of {@code object}, or {@code absent} if it has none. */
  static String valueOrElse(String object, String name, String absent) {
    int i = 1; // just after '{'
    while (i < object.length() && object.charAt(i) == '"') {
      int nameEnd = skipString(object, i);
      boolean match =
          nameEnd - i - 2 == name.length() && object.regionMatches(i + 1, name, 0, name.length());
      int valueStart = nameEnd + 1; // after ':'
      int valueEnd = skipValue(object, valueStart);
      if (match) {
        return object.substring(valueStart, valueEnd);
      }
      i = valueEnd + 1; // after ',' (or past the closing '}')
    }
    return absent;
  }

  /** Index just after the string whose opening quote is at {@code quote}. */
  private static int skipString(String s, int quote) {
    int i = quote + 1;
    while (true) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2; // an escape never ends the string, whatever it escapes
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
  }

  /** Index of the ',' or '}' that ends the value starting at {@code start}. */
  private static int skipValue(String s, int start) {
    int depth = 0;
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        i = skipString(s, i);
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
      i++;
    }
    return i;
  }
}
