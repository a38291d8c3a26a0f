package dev.gangway.transcoder.render;

import java.util.Objects;

/**
 * A rendered response body and its {@code Content-Type}.
 *
 * <p>Immutable by contract: the array is handed over without a copy (it is the hot path), so
 * neither the renderer nor the receiver may change it.
 *
 * @param contentType {@value #JSON} for JSON, or an {@code HttpBody}'s own content type
 * @param body the bytes to send (UTF-8 for JSON)
 */
public record RenderedBody(String contentType, byte[] body) {
  /** The content type of every JSON body. */
  public static final String JSON = "application/json";

  /** What an {@code HttpBody} with an empty {@code content_type} is sent as. */
  public static final String OCTET_STREAM = "application/octet-stream";

  public RenderedBody {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }
}
