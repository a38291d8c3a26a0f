package dev.gangway.transcoder.internal.codec;

/**
 * Quotes client-supplied text for error messages: escaped as a JSON string, and cut short so a
 * huge value cannot bloat an error body.
 *
 * <p>Stateless and thread-safe.
 */
final class Quote {
  private static final int MAX_CHARS = 64;

  private Quote() {}

  /** {@code "text"}: quotes, backslashes and control characters escaped; long text cut, with ... */
  static String json(String text) {
    int n = Math.min(text.length(), MAX_CHARS);
    StringBuilder out = new StringBuilder(n + 8).append('"');
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (n < text.length()) {
      out.append("...");
    }
    return out.append('"').toString();
  }

  /** Number text as it came, cut short like {@link #json}. */
  static String raw(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...";
  }
}
