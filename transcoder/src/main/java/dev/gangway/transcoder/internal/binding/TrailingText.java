package dev.gangway.transcoder.internal.binding;

import dev.gangway.transcoder.errors.TranscodingException;

/**
 * Rejects a JSON body with text after its first value ({@code {"a":1} xx}, {@code {}{}}), which
 * protobuf's JSON parser stops reading at and would otherwise silently drop.
 *
 * <p>Only the end of the first value is found here (strings, escapes and nesting depth); whether
 * that value is valid JSON is left to the parser, which reports it with its own position.
 *
 * <p>Stateless and thread-safe.
 */
final class TrailingText {
  private TrailingText() {}

  /** Throws 400 naming the line and column where text follows the body's first JSON value. */
  static void check(String json) throws TranscodingException {
    int end = endOfFirstValue(json);
    if (end < 0) {
      return;
    }
    for (int i = end; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        throw TranscodingException.invalidArgument(
            "body: invalid JSON: unexpected text after the JSON value at " + position(json, i));
      }
    }
  }

  /** The index just past the first JSON value, or -1 when it does not end (a syntax error). */
  private static int endOfFirstValue(String json) {
    int i = skipBlanks(json, 0);
    if (i == json.length()) {
      return -1;
    }
    char first = json.charAt(i);
    if (first == '"') {
      return endOfString(json, i);
    }
    if (first != '{' && first != '[') {
      return endOfScalar(json, i);
    }
    int depth = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        i = endOfString(json, i);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return -1;
  }

  private static int endOfString(String json, int quote) {
    for (int i = quote + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  private static int endOfScalar(String json, int start) {
    int i = start;
    while (i < json.length() && "{}[],\" \t\r\n".indexOf(json.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private static int skipBlanks(String json, int from) {
    int i = from;
    while (i < json.length() && " \t\r\n".indexOf(json.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static String position(String json, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index; i++) {
      if (json.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "line " + line + " column " + column;
  }
}
