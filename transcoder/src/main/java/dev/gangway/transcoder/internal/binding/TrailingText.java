package dev.gangway.transcoder.internal.binding;

import dev.gangway.transcoder.errors.TranscodingException;

/**
 * Rejects a JSON body with text after its first value ({@code {"a":1} xx}, {@code {}{}}).
 *
 * <p>Only the end of the first value is found here (strings, escapes and nesting depth); whether
 * that value is valid JSON is left to the parser, which reports it with its own position. Works
 * on the UTF-8 bytes; columns count UTF-16 characters, as the parsers do.
 *
 * <p>Stateless and thread-safe.
 */
final class TrailingText {
  private TrailingText() {}

  /** Throws 400 naming the line and column where text follows the body's first JSON value. */
  static void check(byte[] json) throws TranscodingException {
    int end = endOfFirstValue(json);
    if (end < 0) {
      return;
    }
    for (int i = end; i < json.length; i++) {
      byte c = json[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        throw TranscodingException.invalidArgument(
            "body: invalid JSON: unexpected text after the JSON value at " + position(json, i));
      }
    }
  }

  /** The index just past the first JSON value, or -1 when it does not end (a syntax error). */
  private static int endOfFirstValue(byte[] json) {
    int i = skipBlanks(json, 0);
    if (i == json.length) {
      return -1;
    }
    byte first = json[i];
    if (first == '"') {
      return endOfString(json, i);
    }
    if (first != '{' && first != '[') {
      return endOfScalar(json, i);
    }
    int depth = 0;
    while (i < json.length) {
      byte c = json[i];
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

  private static int endOfString(byte[] json, int quote) {
    for (int i = quote + 1; i < json.length; i++) {
      byte c = json[i];
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  private static int endOfScalar(byte[] json, int start) {
    int i = start;
    while (i < json.length && !ends(json[i])) {
      i++;
    }
    return i;
  }

  private static boolean ends(byte c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == '"' || isBlank(c);
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static int skipBlanks(byte[] json, int from) {
    int i = from;
    while (i < json.length && isBlank(json[i])) {
      i++;
    }
    return i;
  }

  private static String position(byte[] json, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index; i++) {
      int b = json[i] & 0xFF;
      if (b == '\n') {
        line++;
        column = 1;
      } else if ((b & 0xC0) != 0x80) {
        column += b >= 0xF0 ? 2 : 1; // a 4-byte sequence is two UTF-16 characters
      }
    }
    return "line " + line + " column " + column;
  }
}
