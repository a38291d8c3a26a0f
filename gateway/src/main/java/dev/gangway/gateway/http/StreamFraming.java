package dev.gangway.gateway.http;

import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import dev.gangway.transcoder.render.RenderedBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How the messages of a server-streaming response are framed on the wire: NDJSON (one message per
 * line), Server-Sent Events ({@code data:} events), one JSON array, or the raw bytes of
 * {@code google.api.HttpBody} messages one after the other. Nothing is written before the first
 * message, so an error before it can still be a normal error response.
 *
 * <p>Constants only; immutable and thread-safe.
 */
enum StreamFraming {
  NDJSON("application/x-ndjson", "", "", "\n", "") {
    @Override
    byte[] error(byte[] status, boolean first) {
      return concat(bytes("{\"error\":"), status, bytes("}\n"));
    }
  },
  SSE("text/event-stream", "", "data: ", "\n\n", "") {
    @Override
    byte[] error(byte[] status, boolean first) {
      return concat(bytes("event: error\ndata: "), status, bytes("\n\n"));
    }
  },
  JSON_ARRAY("application/json", "[", ",", "", "]") {
    @Override
    byte[] before(boolean first) {
      return first ? OPEN_ARRAY : super.before(first);
    }

    @Override
    byte[] error(byte[] status, boolean first) {
      // The error is the array's last element, so the body stays one valid JSON document.
      return concat(bytes(first ? "[" : ","), bytes("{\"error\":"), status, bytes("}]"));
    }
  },
  /**
   * {@code google.api.HttpBody} messages: each one's {@code data} as it is, the response typed by
   * the first one's {@code content_type}. Raw bytes have no place for an error: see
   * {@link #inBandErrors()}.
   */
  RAW(RenderedBody.OCTET_STREAM, "", "", "", "") {
    @Override
    String contentType(RenderedBody first) {
      return first.contentType(); // the renderer already maps an empty content_type to octet-stream
    }

    @Override
    byte[] message(byte[] data, boolean first) {
      return data;
    }

    @Override
    boolean inBandErrors() {
      return false;
    }

    @Override
    byte[] error(byte[] status, boolean first) {
      throw new IllegalStateException("a raw body has no place for an error");
    }
  };

  private static final byte[] OPEN_ARRAY = bytes("[");

  private final String contentType;
  private final byte[] open;
  private final byte[] before;
  private final byte[] after;
  private final byte[] close;

  StreamFraming(String contentType, String open, String before, String after, String close) {
    this.contentType = contentType;
    this.open = bytes(open);
    this.before = bytes(before);
    this.after = bytes(after);
    this.close = bytes(close);
  }

  /**
   * The framing for a JSON stream: {@code text/event-stream} or {@code application/x-ndjson} in
   * {@code Accept} choose SSE or NDJSON; anything else gets the configured default. (HttpBody
   * streams are always {@link #RAW}.)
   */
  static StreamFraming choose(String accept, StreamFormat configured) {
    if (accept != null) {
      String lower = accept.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("text/event-stream")) {
        return SSE;
      }
      if (lower.contains("application/x-ndjson")) {
        return NDJSON;
      }
    }
    return configured == StreamFormat.JSON_ARRAY ? JSON_ARRAY : NDJSON;
  }

  /** The response's Content-Type when the stream ends without a message. */
  String contentType() {
    return contentType;
  }

  /** The response's Content-Type, given the stream's first message as rendered. */
  String contentType(RenderedBody first) {
    return contentType;
  }

  /**
   * One message (its JSON without line breaks, or a raw body's bytes); {@code first} for the
   * stream's first. The result may be {@code body} itself.
   */
  byte[] message(byte[] body, boolean first) {
    return concat(before(first), body, after());
  }

  /**
   * What precedes a message on the wire ({@code first} for the stream's first); with
   * {@link #after()} around it, it is {@link #message}. Shared, never to be modified.
   */
  byte[] before(boolean first) {
    return before;
  }

  /** What follows a message on the wire. Shared, never to be modified. */
  byte[] after() {
    return after;
  }

  /** The end of a stream that completed normally; {@code empty} when no message was written. */
  byte[] end(boolean empty) {
    return empty ? concat(open, close) : close;
  }

  /**
   * Whether a stream can end with an error the client can read ({@link #error}); otherwise an
   * error after the first message can only cut the response short.
   */
  boolean inBandErrors() {
    return true;
  }

  /** The terminal error object ending a stream; {@code first} when no message was written. */
  abstract byte[] error(byte[] status, boolean first);

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
