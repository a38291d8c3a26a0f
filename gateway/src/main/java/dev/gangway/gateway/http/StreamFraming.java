package dev.gangway.gateway.http;

import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How the messages of a server-streaming response are framed on the wire: NDJSON (one message per
 * line), Server-Sent Events ({@code data:} events) or one JSON array. Nothing is written before
 * the first message, so an error before it can still be a normal error response.
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
    byte[] message(byte[] json, boolean first) {
      return concat(bytes(first ? "[" : ","), json);
    }

    @Override
    byte[] error(byte[] status, boolean first) {
      // The error is the array's last element, so the body stays one valid JSON document.
      return concat(bytes(first ? "[" : ","), bytes("{\"error\":"), status, bytes("}]"));
    }
  };

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
   * The framing for a request: {@code text/event-stream} or {@code application/x-ndjson} in
   * {@code Accept} choose SSE or NDJSON; anything else gets the configured default.
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

  String contentType() {
    return contentType;
  }

  /** One message (its JSON, without line breaks); {@code first} for the stream's first. */
  byte[] message(byte[] json, boolean first) {
    return concat(before, json, after);
  }

  /** The end of a stream that completed normally; {@code empty} when no message was written. */
  byte[] end(boolean empty) {
    return empty ? concat(open, close) : close;
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
