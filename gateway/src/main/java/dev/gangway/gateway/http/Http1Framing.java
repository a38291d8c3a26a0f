package dev.gangway.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks the framing of the HTTP/1 requests on one connection as their bytes arrive, before
 * Undertow parses them: the request line, header field syntax and the body's framing
 * ({@code Content-Length}, or chunked: {@link ChunkedFraming}).
 * Undertow is lenient where request smuggling lives (it serves {@code HTTP/9.9} as HTTP/1.1 and
 * takes a bare LF as a line end inside chunked framing) and answers its own parse errors with an
 * empty 400; this makes the gateway the strict one (RFC 9112).
 *
 * <pre>
 * request-line  = method SP request-target SP "HTTP/1." DIGIT CRLF     (section 3)
 * field-line    = field-name ":" OWS field-value OWS CRLF              (section 5)
 * chunked-body  = see ChunkedFraming                                   (section 7.1)
 * </pre>
 *
 * <p>Bytes are checked one by one in the head and in chunk framing, and skipped in bulk inside
 * bodies. The first bad byte stops the check: {@link #refusal()} says why, and for a refused head
 * {@link #completion()} gives the bytes that end the head already handed on after that byte (see
 * {@link Http1Guard}). A request that upgrades the connection (WebSocket, h2c) or a connection
 * preface of HTTP/2 with prior knowledge ends the check for the connection.
 *
 * <p>Not thread-safe: confined to the connection's IO thread.
 */
final class Http1Framing {
  private enum State {
    REQUEST_START, REQUEST_START_LF, METHOD, TARGET_START, TARGET, VERSION, REQUEST_LINE_LF,
    FIELD_START, FIELD_NAME, FIELD_VALUE, FIELD_LF, HEAD_END_LF,
    FIXED_BODY, CHUNKED_BODY, PASS_THROUGH, REFUSED
  }

  private static final byte[] VERSION_PREFIX = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
  /** Only these header values are kept (lower case), and only this long: enough for framing. */
  private static final int MAX_KEPT_VALUE = 64;

  private final int maxHeadBytes;
  private final boolean h2c;
  private State state = State.REQUEST_START;
  private HeadRefusal refusal;
  /** The state in which the check stopped: what was handed on of the head ends there. */
  private State lastHeadState;

  // Per request head.
  private int headBytes;
  private int methodLength;
  private boolean methodIsPri;
  private boolean methodIsConnect;
  private int targetLength;
  private boolean targetIsStar;
  private int versionIndex;
  private boolean http10;
  private final StringBuilder name = new StringBuilder();
  private final StringBuilder value = new StringBuilder();
  private boolean keepValue;
  private boolean lengthValue;
  private boolean hostSeen;
  private String contentLength;
  private int transferEncodings;
  private boolean upgrade;
  /** Request heads completed on the connection (the one being read included, once complete). */
  private int heads;

  // Per body.
  private long remaining;
  private final ChunkedFraming chunked = new ChunkedFraming();

  /**
   * @param maxHeadBytes the longest request head accepted (431 beyond)
   * @param h2c whether HTTP/2 with prior knowledge may follow ({@code server.h2c})
   */
  Http1Framing(int maxHeadBytes, boolean h2c) {
    this.maxHeadBytes = maxHeadBytes;
    this.h2c = h2c;
  }

  /** Why the check stopped, or null while it has not. */
  HeadRefusal refusal() {
    return refusal;
  }

  /** Whether the check is over for this connection without a refusal (an upgrade, HTTP/2). */
  boolean passThrough() {
    return state == State.PASS_THROUGH;
  }

  /** Whether a request head is being read: a refusal now is answered as a request. */
  boolean inHead() {
    return state.ordinal() <= State.HEAD_END_LF.ordinal();
  }

  /**
   * Checks {@code bytes[from, to)}, the next bytes of the connection (absolute indexes, the
   * buffer's position and limit untouched). Returns {@code to} when all are acceptable, else the
   * index of the first refused byte; {@link #refusal()} then says why, and nothing more is read.
   */
  int scan(ByteBuffer bytes, int from, int to) {
    int i = from;
    while (i < to) {
      switch (state) {
        case PASS_THROUGH:
          return to;
        case REFUSED:
          return i;
        case FIXED_BODY: {
          int skip = (int) Math.min(remaining, to - i);
          i += skip;
          remaining -= skip;
          if (remaining == 0) {
            state = State.REQUEST_START;
          }
          continue;
        }
        case CHUNKED_BODY:
          i = chunked.scan(bytes, i, to);
          if (chunked.refused()) {
            refuse(HeadRefusal.CHUNKED_BODY);
            return i;
          }
          if (chunked.done()) {
            state = State.REQUEST_START;
          }
          continue;
        default:
          if (!accept(bytes.get(i) & 0xff)) {
            return i;
          }
          i++;
          if (inHead() && ++headBytes > maxHeadBytes) {
            refuse(HeadRefusal.HEAD_TOO_LARGE);
            return i;
          }
      }
    }
    return to;
  }

  /** One byte of the head or of chunk framing: false when it is refused. */
  private boolean accept(int b) {
    switch (state) {
      case REQUEST_START:
        return requestStart(b);
      case REQUEST_START_LF:
        // An empty line before a request line is ignored (RFC 9112 section 2.2).
        return expect(b == '\n', State.REQUEST_START, HeadRefusal.BARE_LINE_END);
      case METHOD:
        return method(b);
      case TARGET_START:
      case TARGET:
        return target(b);
      case VERSION:
        return version(b);
      case REQUEST_LINE_LF:
        return expect(b == '\n', State.FIELD_START, HeadRefusal.BARE_LINE_END);
      case FIELD_START:
        return fieldStart(b);
      case FIELD_NAME:
        return fieldName(b);
      case FIELD_VALUE:
        return fieldValue(b);
      case FIELD_LF:
        if (b != '\n') {
          return refuse(HeadRefusal.BARE_LINE_END);
        }
        endField();
        state = State.FIELD_START;
        return true;
      case HEAD_END_LF:
        if (b != '\n') {
          return refuse(HeadRefusal.BARE_LINE_END);
        }
        startBody();
        return true;
      default:
        throw new IllegalStateException(state.name());
    }
  }

  private boolean requestStart(int b) {
    if (b == '\r') {
      state = State.REQUEST_START_LF;
      return true;
    }
    if (!HttpChars.isTokenChar(b)) {
      return refuse(b == '\n' ? HeadRefusal.BARE_LINE_END : HeadRefusal.REQUEST_LINE);
    }
    headBytes = 0;
    methodLength = 0;
    methodIsPri = true;
    methodIsConnect = true;
    targetLength = 0;
    targetIsStar = false;
    versionIndex = 0;
    contentLength = null;
    hostSeen = false;
    transferEncodings = 0;
    upgrade = false;
    state = State.METHOD;
    return method(b);
  }

  /** method = token (RFC 9110 section 9.1). */
  private boolean method(int b) {
    if (b == ' ' && methodLength > 0) {
      methodIsPri &= methodLength == 3;
      methodIsConnect &= methodLength == 7;
      state = State.TARGET_START;
      return true;
    }
    if (!HttpChars.isTokenChar(b)) {
      return refuse(HeadRefusal.REQUEST_LINE);
    }
    methodIsPri &= methodLength < 3 && b == "PRI".charAt(methodLength);
    methodIsConnect &= methodLength < 7 && b == "CONNECT".charAt(methodLength);
    methodLength++;
    return true;
  }

  /** request-target: visible ASCII only (RFC 9112 section 3.2; percent-encode the rest). */
  private boolean target(int b) {
    if (b == ' ' && targetLength > 0) {
      state = State.VERSION;
      return true;
    }
    if (b < 0x21 || b > 0x7e) {
      return refuse(HeadRefusal.REQUEST_LINE);
    }
    targetIsStar = targetLength == 0 && b == '*';
    targetLength++;
    state = State.TARGET;
    return true;
  }

  /** HTTP-version = "HTTP/" DIGIT "." DIGIT, major 1 (section 2.3), then CRLF. */
  private boolean version(int b) {
    if (versionIndex == VERSION_PREFIX.length) {
      if (!HttpChars.isDigit(b)) {
        return refuse(HeadRefusal.REQUEST_LINE);
      }
      http10 = b == '0';
      versionIndex++;
      return true;
    }
    if (versionIndex > VERSION_PREFIX.length) {
      return expect(b == '\r', State.REQUEST_LINE_LF,
          b == '\n' ? HeadRefusal.BARE_LINE_END : HeadRefusal.REQUEST_LINE);
    }
    if (versionIndex == 5 && b != '1') {
      if (h2c && b == '2' && methodIsPri && targetIsStar) {
        // "PRI * HTTP/2.0": the HTTP/2 connection preface (RFC 9113 section 3.4).
        state = State.PASS_THROUGH;
        return true;
      }
      return refuse(HttpChars.isDigit(b) ? HeadRefusal.VERSION : HeadRefusal.REQUEST_LINE);
    }
    if (b != VERSION_PREFIX[versionIndex]) {
      return refuse(HeadRefusal.REQUEST_LINE);
    }
    versionIndex++;
    return true;
  }

  private boolean fieldStart(int b) {
    if (b == '\r') {
      if (!hostSeen && !http10) {
        return refuse(HeadRefusal.HOST);
      }
      state = State.HEAD_END_LF;
      return true;
    }
    if (b == ' ' || b == '\t') {
      return refuse(HeadRefusal.OBS_FOLD);
    }
    if (!HttpChars.isTokenChar(b)) {
      return refuse(b == '\n' ? HeadRefusal.BARE_LINE_END : HeadRefusal.HEADER_FIELD);
    }
    name.setLength(0);
    state = State.FIELD_NAME;
    return fieldName(b);
  }

  /** field-name = token, then ":" with no whitespace before it (section 5.1). */
  private boolean fieldName(int b) {
    if (b == ':') {
      return fieldNamed(name.toString());
    }
    if (!HttpChars.isTokenChar(b)) {
      return refuse(HeadRefusal.HEADER_FIELD);
    }
    if (name.length() < 20) {
      name.append(Character.toLowerCase((char) b));
    } else if (name.length() == 20) {
      name.append('~'); // longer than any name looked at
    }
    return true;
  }

  /**
   * The field's name is complete (its ":" not yet handed on). A second Host, a second length, or
   * a length next to a transfer coding (how requests are smuggled, RFC 9112 section 6.3) is
   * refused here, before the name reaches Undertow.
   */
  private boolean fieldNamed(String lower) {
    keepValue = false;
    lengthValue = false;
    switch (lower) {
      case "host":
        if (hostSeen) {
          return refuse(HeadRefusal.HOST);
        }
        hostSeen = true;
        break;
      case "content-length":
        if (contentLength != null || transferEncodings > 0) {
          return refuse(HeadRefusal.CONTENT_LENGTH);
        }
        contentLength = "";
        keepValue = true;
        lengthValue = true;
        break;
      case "transfer-encoding":
        if (contentLength != null) {
          return refuse(HeadRefusal.CONTENT_LENGTH);
        }
        keepValue = true;
        break;
      case "upgrade":
        upgrade = true;
        break;
      default:
        break;
    }
    value.setLength(0);
    state = State.FIELD_VALUE;
    return true;
  }

  /** field-value: HTAB, SP, visible ASCII and obs-text; no other control character. */
  private boolean fieldValue(int b) {
    if (lengthValue && !lengthByte(b)) {
      return refuse(HeadRefusal.CONTENT_LENGTH);
    }
    if (b == '\r') {
      state = State.FIELD_LF;
      return true;
    }
    if (b != '\t' && (b < 0x20 || b == 0x7f)) {
      return refuse(b == '\n' ? HeadRefusal.BARE_LINE_END : HeadRefusal.HEADER_FIELD);
    }
    if (keepValue && value.length() <= MAX_KEPT_VALUE) {
      value.append((char) b);
    }
    return true;
  }

  /** Content-Length = 1*DIGIT, with OWS around it; at most 18 digits. */
  private boolean lengthByte(int b) {
    String text = value.toString().stripLeading();
    boolean digitsSoFar = text.length() == text.strip().length(); // no space after the digits
    if (HttpChars.isDigit(b)) {
      return digitsSoFar && text.length() < 18;
    }
    if (b == '\r') {
      return !text.isEmpty();
    }
    return b == ' ' || b == '\t';
  }

  private void endField() {
    if (!keepValue) {
      return;
    }
    String text = value.toString().trim();
    if (lengthValue) {
      contentLength = text;
    } else {
      // Anything but one "chunked" is refused by EdgeLimitsHandler, which closes the connection.
      transferEncodings += text.toLowerCase(Locale.ROOT).equals("chunked") ? 1 : 2;
    }
  }

  /** The head is complete: what follows is its body, then the next request. */
  private void startBody() {
    heads++;
    if (upgrade || methodIsConnect || (transferEncodings > 0 && (transferEncodings != 1 || http10))) {
      // The connection may change protocols, or the gateway refuses the framing and closes it.
      state = State.PASS_THROUGH;
    } else if (transferEncodings == 1) {
      state = State.CHUNKED_BODY;
      chunked.start();
    } else if (contentLength != null && !contentLength.isEmpty()
        && Long.parseLong(contentLength) > 0) {
      remaining = Long.parseLong(contentLength);
      state = State.FIXED_BODY;
    } else {
      state = State.REQUEST_START;
    }
  }

  private boolean expect(boolean ok, State next, HeadRefusal otherwise) {
    if (!ok) {
      return refuse(otherwise);
    }
    state = next;
    return true;
  }

  /**
   * The bytes that turn what was handed on of a refused head into a complete head ending in
   * {@code marker} (a header line without its CRLF), so that Undertow parses it as a request and
   * the gateway answers it with a status. Only for a refusal {@link #inHead() in the head}.
   */
  byte[] completion(String marker) {
    String line = switch (lastHeadState) {
      case REQUEST_START, REQUEST_START_LF -> "GET / HTTP/1.1\r\n";
      case METHOD -> " / HTTP/1.1\r\n";
      case TARGET_START -> "/ HTTP/1.1\r\n";
      case TARGET -> " HTTP/1.1\r\n";
      case VERSION -> versionIndex <= VERSION_PREFIX.length
          ? "HTTP/1.1".substring(versionIndex) + "\r\n" : "\r\n";
      case REQUEST_LINE_LF, FIELD_LF -> "\n";
      // A CR that may start the head's last line is held back until its LF (holdsCr).
      case FIELD_START, HEAD_END_LF -> "";
      // The name is not handed on as what it was (a second Host, a second length).
      case FIELD_NAME -> "-gangway-refused:\r\n";
      case FIELD_VALUE -> lengthValue ? "0\r\n" : "\r\n";
      default -> throw new IllegalStateException(lastHeadState.name());
    };
    // Undertow answers an HTTP/1.1 request without Host itself, with an empty 400.
    String host = hostSeen ? "" : "Host: gateway\r\n";
    return (line + host + marker + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Request heads completed on this connection so far. */
  int heads() {
    return heads;
  }

  /**
   * Whether the last byte checked is a CR that begins an empty line (the end of the head, or an
   * empty line before a request line): it is handed on only with the LF after it, so that a
   * refusal can still complete the head ({@link #completion}).
   */
  boolean holdsCr() {
    return state == State.HEAD_END_LF || state == State.REQUEST_START_LF;
  }

  private boolean refuse(HeadRefusal why) {
    refusal = why;
    lastHeadState = state;
    state = State.REFUSED;
    return false;
  }

  /** Whether the refused byte followed a CR that began an empty line (see {@link #holdsCr}). */
  boolean refusedAfterCr() {
    return lastHeadState == State.HEAD_END_LF || lastHeadState == State.REQUEST_START_LF;
  }

  /** Whether the refusal was made while reading a head (a request can answer it). */
  boolean refusedInHead() {
    return lastHeadState != null && lastHeadState.ordinal() <= State.HEAD_END_LF.ordinal();
  }
}
