package dev.gangway.gateway.http;

import java.util.Collection;

/**
 * Whether a request's {@code Accept-Encoding} fields accept gzip (RFC 9110 section 12.5.3):
 * {@code gzip} (or its alias {@code x-gzip}, section 8.4.1.3) with a weight above zero, or, when
 * gzip is not named, {@code *} with a weight above zero. No field means identity: the RFC allows
 * any coding then, but a client that sends none (curl without {@code --compressed}, Java's
 * {@code HttpClient}) expects the plain bytes.
 *
 * <p>Stateless; a hand-written scan, no regular expressions (it runs per request).
 */
final class AcceptEncoding {
  private AcceptEncoding() {}

  /**
   * True when gzip is acceptable.
   *
   * @param fields the request's {@code Accept-Encoding} field values, or null when it sent none
   */
  static boolean acceptsGzip(Collection<String> fields) {
    if (fields == null) {
      return false;
    }
    Boolean gzip = null;
    boolean star = false;
    for (String field : fields) {
      int start = 0;
      while (start <= field.length()) {
        int end = field.indexOf(',', start);
        if (end < 0) {
          end = field.length();
        }
        int semicolon = field.indexOf(';', start);
        int nameEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
        String coding = field.substring(start, nameEnd).trim();
        boolean accepted = nameEnd == end || weightAboveZero(field, nameEnd + 1, end);
        if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
          gzip = gzip == Boolean.TRUE || accepted;
        } else if (coding.equals("*")) {
          star = accepted;
        }
        start = end + 1;
      }
    }
    return gzip != null ? gzip : star;
  }

  /**
   * Whether the parameters in {@code field[from, to)} give a weight above zero. {@code weight = OWS
   * ";" OWS "q=" qvalue}; {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}. A
   * malformed weight counts as zero: a coding the client may have meant to refuse is not sent.
   */
  private static boolean weightAboveZero(String field, int from, int to) {
    String parameter = field.substring(from, to).trim();
    if (parameter.length() < 3 || Character.toLowerCase(parameter.charAt(0)) != 'q'
        || parameter.charAt(1) != '=') {
      return false;
    }
    String value = parameter.substring(2).trim();
    if (value.isEmpty() || value.length() > 5) {
      return false;
    }
    char first = value.charAt(0);
    if (first != '0' && first != '1') {
      return false;
    }
    if (value.length() > 1 && value.charAt(1) != '.') {
      return false;
    }
    boolean nonZeroDecimal = false;
    for (int i = 2; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9' || first == '1' && c != '0') {
        return false;
      }
      nonZeroDecimal |= c != '0';
    }
    return first == '1' || nonZeroDecimal;
  }
}
