package dev.gangway.gateway.http;

import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import java.util.List;

/**
 * Binds a WebSocket's text frames to request messages, counting them: the first with the upgrade
 * URL's path variables and query parameters plus the frame as the JSON body (exactly an HTTP
 * request with that body), every later one as the JSON body alone (the route's follow-up plan, compiled with the snapshot). A
 * frame that does not bind fails with the usual message prefixed {@code message N: }.
 *
 * <p>Not thread-safe: confined to the connection's IO thread.
 */
final class WebSocketRequests {
  private static final String JSON = "application/json";

  private final Routed routed;
  private final String rawQuery;
  private int count;

  WebSocketRequests(Routed routed, String rawQuery) {
    this.routed = routed;
    this.rawQuery = rawQuery;
  }

  /** Frames bound so far, including one that failed to. */
  int count() {
    return count;
  }

  /** The next frame's request message (protobuf bytes). */
  byte[] bind(byte[] json) throws TranscodingException {
    count++;
    Transcoder transcoder = routed.snapshot().transcoder();
    try {
      if (count == 1) {
        return transcoder.bind(routed.match(), rawQuery, JSON, json);
      }
      // Compiled with the snapshot; present for every client stream served over WebSocket.
      BindingPlan followUp = routed.transcoded().followUp().orElseThrow();
      return followUp.bind(List.of(), "", JSON, json);
    } catch (TranscodingException e) {
      throw new TranscodingException(e.code(), e.httpStatus(),
          "message " + count + ": " + e.getMessage());
    }
  }
}
