package dev.gangway.transcoder.render;

import java.util.Objects;

/**
 * An error response: HTTP status and a JSON {@code google.rpc.Status} body.
 *
 * <p>Immutable by contract: the array is shared without a copy (the fallback body is a constant),
 * so no one may change it.
 *
 * @param httpStatus the HTTP status to answer with
 * @param code the body's {@code google.rpc.Code} number (for metrics and the access log, which
 *     would otherwise have to parse the body back)
 * @param body the UTF-8 JSON body
 */
public record RenderedError(int httpStatus, int code, byte[] body) {
  /** The content type of every error body. */
  public static final String CONTENT_TYPE = "application/json";

  public RenderedError {
    Objects.requireNonNull(body, "body");
  }

  /** Always {@value #CONTENT_TYPE}. */
  public String contentType() {
    return CONTENT_TYPE;
  }
}
