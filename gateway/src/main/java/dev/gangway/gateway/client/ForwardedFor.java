package dev.gangway.gateway.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The {@code for} nodes of RFC 7239 {@code Forwarded} field lines, in order, as the hop elements
 * {@link ClientAddressResolver} walks ({@code 192.0.2.43}, {@code [2001:db8:cafe::17]:4711},
 * {@code unknown}, {@code _hidden}).
 *
 * <p>Grammar (RFC 7239 section 4): {@code Forwarded = 1#forwarded-element}, an element is
 * {@code forwarded-pair *( ";" forwarded-pair )}, a pair is {@code token "=" ( token /
 * quoted-string )}. Read left to right (a quoted string may hold commas), in one pass over a
 * header that {@code server.max_header_size} already bounds; only the last {@code keep} elements
 * are kept, because the walk reads from the right and stops after that many.
 *
 * <p>What the walk must not trust comes back as {@link #GARBAGE}: an element without {@code for}
 * (the proxy that wrote it did not say whom it forwarded for), and a field line with a syntax
 * error, which stands for its elements and everything left of it (nobody can tell where the
 * elements of such a line begin or end). The walk stops at a garbage hop, as it does at a
 * malformed {@code X-Forwarded-For} element. Stateless; no regex.
 */
final class ForwardedFor {
  /** A hop the walk stops at: no address can be read from it. */
  static final String GARBAGE = "";

  private ForwardedFor() {}

  /** The {@code for} node of each element of {@code lines}, the last {@code keep} of them. */
  static List<String> nodes(List<String> lines, int keep) {
    Deque<String> nodes = new ArrayDeque<>();
    for (String line : lines) {
      Parser parser = new Parser(line);
      Read read;
      while ((read = parser.element()) != Read.END) {
        if (read == Read.ERROR) { // nothing up to here can be trusted
          nodes.clear();
          nodes.add(GARBAGE);
          break;
        }
        if (read == Read.ELEMENT) {
          nodes.addLast(parser.node());
          if (nodes.size() > keep) {
            nodes.removeFirst();
          }
        }
      }
    }
    return new ArrayList<>(nodes);
  }

  /** What {@link Parser#element()} found. */
  private enum Read { ELEMENT, EMPTY, ERROR, END }

  /** One field line's elements, one at a time; no recursion, whatever the line holds. */
  private static final class Parser {
    private final String text;
    private int at;
    private String node;

    Parser(String text) {
      this.text = text;
    }

    /** The last element's {@code for} node, {@link #GARBAGE} when it had none. */
    String node() {
      return node;
    }

    /**
     * Reads the next element and its comma: {@link Read#EMPTY} for an empty one (ignored, RFC
     * 9110 section 5.6.1), {@link Read#END} at the end of the line.
     */
    Read element() {
      skipSpace();
      if (at >= text.length()) {
        return Read.END;
      }
      node = GARBAGE;
      boolean pairs = false;
      while (true) {
        skipSpace();
        if (at >= text.length() || text.charAt(at) == ',') {
          at++;
          return pairs ? Read.ELEMENT : Read.EMPTY;
        }
        if (text.charAt(at) == ';') { // an empty pair
          at++;
          continue;
        }
        int nameStart = at;
        while (at < text.length() && isTokenChar(text.charAt(at))) {
          at++;
        }
        if (at == nameStart || at >= text.length() || text.charAt(at) != '=') {
          return Read.ERROR;
        }
        boolean isFor = text.regionMatches(true, nameStart, "for", 0, 3) && at - nameStart == 3;
        at++;
        String value = value();
        if (value == null) {
          return Read.ERROR;
        }
        pairs = true;
        if (isFor) {
          node = value;
        }
        skipSpace();
        if (at < text.length() && text.charAt(at) != ';' && text.charAt(at) != ',') {
          return Read.ERROR;
        }
      }
    }

    /** A token or a quoted string (unquoted); null when neither. */
    private String value() {
      if (at < text.length() && text.charAt(at) == '"') {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < text.length()) {
          char c = text.charAt(at++);
          if (c == '"') {
            return out.toString();
          }
          if (c == '\\') {
            if (at >= text.length()) {
              return null;
            }
            c = text.charAt(at++);
          }
          out.append(c);
        }
        return null; // unterminated
      }
      int start = at;
      while (at < text.length() && isTokenChar(text.charAt(at))) {
        at++;
      }
      return at == start ? null : text.substring(start, at);
    }

    private void skipSpace() {
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
        at++;
      }
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
      return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
