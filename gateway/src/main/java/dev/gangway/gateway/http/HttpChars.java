package dev.gangway.gateway.http;

/**
 * Character classes of HTTP/1 framing (RFC 9110 section 5.6.2, RFC 9112), on bytes as unsigned
 * ints. Stateless.
 */
final class HttpChars {
  private HttpChars() {}

  /**
   * tchar = "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|"
   * / "~" / DIGIT / ALPHA: the bytes of methods and field names.
   */
  static boolean isTokenChar(int b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || isDigit(b)
        || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
  }

  /** A byte of a field value: HTAB, SP, visible ASCII and obs-text; no other control byte. */
  static boolean isFieldByte(int b) {
    return b == '\t' || (b >= 0x20 && b != 0x7f);
  }

  static boolean isDigit(int b) {
    return b >= '0' && b <= '9';
  }

  /** The value of a hex digit, or -1. */
  static int hexValue(int b) {
    if (isDigit(b)) {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
