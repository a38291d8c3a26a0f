package dev.gangway.transcoder.internal.binding;

/**
 * Quotes client-supplied text for error messages: escaped, and cut short so a huge value cannot
 * bloat an error body.
 *
 * <p>Stateless and thread-safe.
 */
final class Quoting {
  private static final int MAX_CHARS = 64;

  private Quoting() {}

  /** {@code "text"}: quotes, backslashes and control characters escaped; long text cut, with ... */
  static String quote(String text) {
    int n = Math.min(text.length(), MAX_CHARS);
    StringBuilder out = new StringBuilder(n + 8).append('"');
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
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
}
