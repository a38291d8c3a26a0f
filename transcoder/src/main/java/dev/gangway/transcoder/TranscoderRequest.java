package dev.gangway.transcoder;

import java.util.Objects;

/**
 * The parts of an HTTP request the transcoder reads.
 *
 * <p>Immutable, except that {@code body} is not copied: the caller hands it over and must not
 * change it afterwards.
 *
 * @param method upper-case HTTP method
 * @param rawPath the request path exactly as received (percent-encoded), starting with '/', no query
 * @param rawQuery the raw query string without '?', or empty
 * @param contentType the Content-Type header value, or empty when absent
 * @param body the request body, empty array when none
 */
public record TranscoderRequest(
    String method, String rawPath, String rawQuery, String contentType, byte[] body) {

  private static final byte[] NO_BODY = new byte[0];

  public TranscoderRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** A request from a raw request target ({@code /v1/x?y=z}) with no body. */
  public static TranscoderRequest of(String method, String target) {
    return of(method, target, "", NO_BODY);
  }

  /** A request from a raw request target ({@code /v1/x?y=z}) with a body. */
  public static TranscoderRequest of(String method, String target, String contentType, byte[] body) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    return new TranscoderRequest(method, path, query, contentType, body);
  }
}
