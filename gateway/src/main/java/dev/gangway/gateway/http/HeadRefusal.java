package dev.gangway.gateway.http;

import com.google.rpc.Code;
import java.nio.charset.StandardCharsets;

/**
 * Why the gateway's HTTP/1 framing check ({@link Http1Framing}) refused a request, each with its
 * HTTP status, {@code google.rpc.Code} and fixed message. Messages never echo client bytes.
 *
 * <p>Constants only; immutable and thread-safe.
 */
enum HeadRefusal {
  /** RFC 9112 section 2.3: HTTP/1 speaks HTTP/1.x; 1.2 and later minors are served as 1.1. */
  VERSION(505, Code.UNIMPLEMENTED,
      "HTTP version not supported: an HTTP/1 request must be HTTP/1.0 or HTTP/1.1"),
  REQUEST_LINE(400, Code.INVALID_ARGUMENT,
      "malformed request line: expected METHOD SP request-target SP HTTP/1.x CRLF"),
  HEADER_FIELD(400, Code.INVALID_ARGUMENT,
      "malformed header field: expected name \":\" value CRLF, without control characters"),
  /** RFC 9112 section 5.2: a server must reject obs-fold with 400 (or unfold it). */
  OBS_FOLD(400, Code.INVALID_ARGUMENT,
      "header field folded over lines (obs-fold) is not accepted"),
  /** RFC 9112 section 2.2: a line of the head ends in CRLF; a bare CR is invalid anywhere. */
  BARE_LINE_END(400, Code.INVALID_ARGUMENT,
      "a line of the request head ends without CRLF (a bare LF or CR)"),
  /** RFC 9112 section 3.2: an HTTP/1.1 request has exactly one Host (400 otherwise). */
  HOST(400, Code.INVALID_ARGUMENT, "an HTTP/1.1 request needs exactly one Host header"),
  HEAD_TOO_LARGE(431, Code.INVALID_ARGUMENT,
      "request head is too large (server.max_header_size, limits.max_url_size)"),
  /**
   * RFC 9112 section 6.3: an invalid Content-Length is unrecoverable framing, and one next to
   * Transfer-Encoding is how requests are smuggled.
   */
  CONTENT_LENGTH(400, Code.INVALID_ARGUMENT,
      "invalid Content-Length: one decimal length, and no Transfer-Encoding with it"),
  /** RFC 9112 section 7.1: chunk sizes, data and trailer lines each end in CRLF. */
  CHUNKED_BODY(400, Code.INVALID_ARGUMENT,
      "malformed chunked body: chunk sizes, chunk data and trailer lines must each end in CRLF"),
  /** What Undertow's own parser refused; the gateway's check lets it through (see docs). */
  UNPARSED(400, Code.INVALID_ARGUMENT, "malformed request head");

  private final int status;
  private final Code code;
  private final String message;
  private final byte[] response;

  HeadRefusal(int status, Code code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
    this.response = render(status, code, message);
  }

  int status() {
    return status;
  }

  Code code() {
    return code;
  }

  String message() {
    return message;
  }

  /**
   * The whole HTTP/1.1 response, written straight to the socket where no exchange can answer (a
   * body whose framing broke, Undertow's own refusals): the status body, then the connection
   * closes.
   */
  byte[] response() {
    return response.clone();
  }

  private static byte[] render(int status, Code code, String message) {
    // The messages are ASCII without quotes or backslashes except the escaped ones above.
    String body = "{\"code\":" + code.getNumber() + ",\"message\":\""
        + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"details\":[]}";
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n"
        + "Connection: close\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.US_ASCII);
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 431 -> "Request Header Fields Too Large";
      case 505 -> "HTTP Version Not Supported";
      default -> "Error";
    };
  }
}
