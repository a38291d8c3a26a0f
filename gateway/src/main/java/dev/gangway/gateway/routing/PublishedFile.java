package dev.gangway.gateway.routing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A file the gateway generates when a snapshot is built and serves at one exact path: the
 * OpenAPI documents and the docs page. It is kept gzip-compressed only: the whole googleapis
 * corpus's documents are 104 MB of JSON and 95 MB of YAML, 10.5 and 10.8 MB compressed, and a
 * snapshot that kept them as written did not fit the heap the operations guide gives that corpus.
 * A client that accepts gzip gets these bytes as they are; any other gets them inflated while
 * they are sent.
 *
 * <p>The bytes never change within a snapshot, so the entity tag is computed once, from the
 * uncompressed content (the same document after a reload keeps its tag, and caches stay valid).
 *
 * <p>Immutable and thread-safe; the array is never written after construction.
 *
 * @param path the exact request path, e.g. {@code /openapi.json}
 * @param contentType the {@code Content-Type} to send
 * @param gzipped the content, gzip-compressed (RFC 1952)
 * @param length the content's length uncompressed, in bytes
 * @param etag a strong entity tag of the uncompressed content, quoted: {@code "sha256-prefix"}
 */
public record PublishedFile(String path, String contentType, byte[] gzipped, long length,
    String etag) {
  /**
   * Level 6 (zlib's default). The corpus's JSON document (104 MB) with gzip: level 1 14.5 MB in
   * 0.7 s CPU, level 6 10.5 MB in 1.5 s, level 9 10.3 MB in 2.6 s: heap is what this is for.
   */
  private static final int LEVEL = Deflater.DEFAULT_COMPRESSION;
  private static final int BUFFER = 64 * 1024;

  /** Writes a file's content to the stream it is given; the stream is closed after. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public PublishedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(gzipped, "gzipped");
    Objects.requireNonNull(etag, "etag");
  }

  /** A file of {@code body}. */
  public static PublishedFile of(String path, String contentType, byte[] body) {
    Objects.requireNonNull(body, "body");
    return write(path, contentType, out -> out.write(body));
  }

  /**
   * A file of what {@code content} writes, compressed as it is written: the uncompressed content
   * is never held whole.
   */
  public static PublishedFile write(String path, String contentType, Content content) {
    Objects.requireNonNull(content, "content");
    Writer writer = writer(path, contentType);
    try {
      content.writeTo(writer.stream());
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + path + " to memory", e);
    }
    return writer.finish();
  }

  /**
   * A writer of one file, for content written together with another file's (each OpenAPI
   * operation is made once and written as JSON and as YAML).
   */
  public static Writer writer(String path, String contentType) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(contentType, "contentType");
    return new Writer(path, contentType);
  }

  /**
   * Compresses, counts and hashes what is written to its {@link #stream()}; {@link #finish()}
   * makes the file. Not thread-safe.
   */
  public static final class Writer {
    private final String path;
    private final String contentType;
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    private final MessageDigest digest = sha256();
    private final GZIPOutputStream gzip;
    private final Counting counted;

    private Writer(String path, String contentType) {
      this.path = path;
      this.contentType = contentType;
      try {
        this.gzip = new LeveledGzip(compressed);
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + path + " to memory", e);
      }
      this.counted = new Counting(gzip, digest);
    }

    /** Where the content goes; closing it does nothing, {@link #finish()} ends it. */
    public OutputStream stream() {
      return counted;
    }

    /** Ends the compressed stream and makes the file. */
    public PublishedFile finish() {
      try {
        gzip.close();
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + path + " to memory", e);
      }
      String etag = "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
      return new PublishedFile(path, contentType, compressed.toByteArray(), counted.count, etag);
    }
  }

  /** The content, inflated as it is read. */
  public InputStream open() {
    try {
      return new GZIPInputStream(new ByteArrayInputStream(gzipped), BUFFER);
    } catch (IOException e) {
      throw new IllegalStateException("the file's own gzip bytes are unreadable", e);
    }
  }

  /** The entity tag of the gzip-coded representation: a strong tag differs per coding. */
  public String gzipEtag() {
    return etag.substring(0, etag.length() - 1) + "-gzip\"";
  }

  /** For logs: the path and sizes, not the bytes. */
  @Override
  public String toString() {
    return path + " (" + contentType + ", " + length + " bytes, " + gzipped.length + " gzipped)";
  }

  /** The content as text, for tests and the admin API. */
  public String text() {
    try (InputStream in = open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("the file's own gzip bytes are unreadable", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(OutputStream out) throws IOException {
      super(out, BUFFER);
      def.setLevel(LEVEL);
    }
  }

  /** Passes bytes on, counting and hashing them; closing it does nothing (the writer ends). */
  private static final class Counting extends OutputStream {
    private final OutputStream out;
    private final MessageDigest digest;
    long count;

    Counting(OutputStream out, MessageDigest digest) {
      this.out = out;
      this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      digest.update(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
