package dev.gangway.gateway.http;

import dev.gangway.gateway.errors.Responses;
import com.google.rpc.Code;
import dev.gangway.gateway.config.LimitsConfig;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.reload.RuntimeSnapshot;
import dev.gangway.gateway.reload.SnapshotHolder;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import io.undertow.util.Protocols;
import java.util.Objects;

/**
 * The first check on every request, before anything is matched or read: a head the connection's
 * {@link Http1Guard} refused (505, 400, 431: see {@link HeadRefusal}), the protocol version,
 * {@code Transfer-Encoding}, the length of the request target (414), the number and size of header
 * fields (431), and the gateway-wide count of requests in flight (503 with {@code Retry-After}).
 * Every refusal is a {@code google.rpc.Status} body naming the limit's config key.
 *
 * <p>A counted request is counted out when its exchange completes (for a WebSocket: when the
 * upgrade response is sent; open WebSockets are bounded by {@code limits.max_connections}).
 *
 * <p>Immutable and thread-safe.
 */
final class EdgeLimitsHandler implements HttpHandler {
  private final SnapshotHolder snapshots;
  private final Admission admission;
  private final HttpHandler next;

  EdgeLimitsHandler(SnapshotHolder snapshots, Admission admission, HttpHandler next) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.admission = Objects.requireNonNull(admission, "admission");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RuntimeSnapshot snapshot = RequestSnapshot.of(exchange, snapshots);
    Transcoder transcoder = snapshot.transcoder();
    LimitsConfig limits = snapshot.config().limits();
    Http1Guard guard = Http1Guard.of(exchange);
    if (guard != null) {
      TranscodingException framing = guard.refusal(exchange);
      if (framing != null) {
        // The connection's guard refused this request's head or body framing: nothing after it
        // is read.
        exchange.setPersistent(false);
        Responses.error(exchange, transcoder, framing);
        return;
      }
      closeUnlessSwitched(exchange);
    }
    TranscodingException refusal = refusal(exchange, snapshot.config().server(), limits);
    if (refusal != null) {
      // What follows an unusable head (a body in an unknown framing) cannot be parsed: close.
      exchange.setPersistent(false);
      Responses.error(exchange, transcoder, refusal);
      return;
    }
    if (!admission.tryStartRequest(limits.maxConcurrentRequests())) {
      Responses.busy(exchange, transcoder, "the gateway is serving its limit of "
          + limits.maxConcurrentRequests() + " requests (limits.max_concurrent_requests)");
      return;
    }
    exchange.addExchangeCompleteListener((ex, nextListener) -> {
      admission.endRequest();
      nextListener.proceed();
    });
    next.handleRequest(exchange);
  }

  /**
   * The guard stops checking a connection after a request that may switch protocols ({@code
   * Upgrade}, {@code CONNECT}): unless it does switch (101), nothing more is read from it.
   */
  private static void closeUnlessSwitched(HttpServerExchange exchange) {
    if (exchange.getRequestHeaders().contains(Headers.UPGRADE)
        || exchange.getRequestMethod().equals(Methods.CONNECT)) {
      exchange.addResponseCommitListener(ex -> {
        if (ex.getStatusCode() != StatusCodes.SWITCHING_PROTOCOLS) {
          ex.setPersistent(false);
        }
      });
    }
  }

  /** Why the request head is refused, or null when it is acceptable. */
  static TranscodingException refusal(
      HttpServerExchange exchange, ServerConfig server, LimitsConfig limits) {
    HttpString protocol = exchange.getProtocol();
    if (!protocol.equals(Protocols.HTTP_1_1) && !protocol.equals(Protocols.HTTP_1_0)
        && !protocol.equals(Protocols.HTTP_2_0)) {
      return new TranscodingException(Code.UNIMPLEMENTED, 505,
          "HTTP version " + printable(protocol.toString()) + " is not supported");
    }
    HeaderValues transferEncoding = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
    if (transferEncoding != null) {
      if (protocol.equals(Protocols.HTTP_1_0)) {
        // RFC 9112 section 6.1: an HTTP/1.0 message with Transfer-Encoding is faulty framing.
        return TranscodingException.invalidArgument(
            "Transfer-Encoding is not allowed in an HTTP/1.0 request");
      }
      if (transferEncoding.size() != 1
          || !transferEncoding.getFirst().trim().equalsIgnoreCase("chunked")) {
        // RFC 9112 section 6.1: an unknown transfer coding is answered with 501.
        return new TranscodingException(Code.UNIMPLEMENTED, 501,
            "Transfer-Encoding " + printable(String.join(", ", transferEncoding))
                + " is not supported (only chunked)");
      }
    }
    int urlLength = exchange.getRequestURI().length() + exchange.getQueryString().length() + 1;
    if (urlLength > limits.maxUrlBytes()) {
      return new TranscodingException(Code.INVALID_ARGUMENT, 414, "request target of "
          + urlLength + " bytes is longer than " + limits.maxUrlBytes()
          + " (limits.max_url_size)");
    }
    return headerRefusal(exchange, server, limits);
  }

  private static TranscodingException headerRefusal(
      HttpServerExchange exchange, ServerConfig server, LimitsConfig limits) {
    int count = 0;
    long bytes = 0;
    for (HeaderValues values : exchange.getRequestHeaders()) {
      int nameLength = values.getHeaderName().length();
      for (String value : values) {
        count++;
        bytes += nameLength + value.length() + 4; // ": " and CRLF, as on the wire
      }
    }
    if (count > limits.maxHeaderCount()) {
      return new TranscodingException(Code.INVALID_ARGUMENT, 431, "request has " + count
          + " header fields, more than " + limits.maxHeaderCount() + " (limits.max_header_count)");
    }
    if (bytes > server.maxHeaderBytes()) {
      return new TranscodingException(Code.INVALID_ARGUMENT, 431, "request header fields take "
          + bytes + " bytes, more than " + server.maxHeaderBytes() + " (server.max_header_size)");
    }
    return null;
  }

  /** Client text echoed in a message: at most 40 printable ASCII characters. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 40; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return "\"" + out + "\"";
  }
}
