package dev.gangway.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A file the gateway generates when a snapshot is built and serves at one exact path: the
 * OpenAPI documents. The bytes never change within a snapshot, so the entity tag is computed
 * once, from the bytes (the same document after a reload keeps its tag, and caches stay valid).
 *
 * <p>Immutable and thread-safe; the array is never written after construction.
 *
 * @param path the exact request path, e.g. {@code /openapi.json}
 * @param contentType the {@code Content-Type} to send
 * @param body the bytes
 * @param etag a strong entity tag, quoted: {@code "sha256-prefix"}
 */
public record PublishedFile(String path, String contentType, byte[] body, String etag) {
  public PublishedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(etag, "etag");
  }

  public static PublishedFile of(String path, String contentType, byte[] body) {
    return new PublishedFile(path, contentType, body, etagOf(body));
  }

  private static String etagOf(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** For logs: the path and size, not the bytes. */
  @Override
  public String toString() {
    return path + " (" + contentType + ", " + body.length + " bytes)";
  }

  /** The body as text, for tests and the admin API. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
