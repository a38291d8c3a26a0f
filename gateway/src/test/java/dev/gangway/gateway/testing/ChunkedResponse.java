package dev.gangway.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a chunked HTTP/1.1 response off a raw socket and says whether it ended properly: with
 * the terminating zero-size chunk, or cut short by the connection closing.
 *
 * @param status the response status
 * @param data the chunks' data, joined
 * @param complete whether the terminating chunk arrived
 */
public record ChunkedResponse(int status, byte[] data, boolean complete) {
  /** Reads the head and the chunks until the terminating chunk or the end of the stream. */
  public static ChunkedResponse read(InputStream in) throws IOException {
    int status = readHead(in);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    while (true) {
      byte[] chunk = readChunk(in);
      if (chunk == null) {
        return new ChunkedResponse(status, data.toByteArray(), false);
      }
      if (chunk.length == 0) {
        return new ChunkedResponse(status, data.toByteArray(), true);
      }
      data.writeBytes(chunk);
    }
  }

  /** Reads the status line and headers; returns the status. */
  public static int readHead(InputStream in) throws IOException {
    String status = line(in);
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      // headers are not needed
    }
    return Integer.parseInt(status.split(" ")[1]);
  }

  /** One chunk's data (empty for the terminating chunk), or null when the stream ended first. */
  public static byte[] readChunk(InputStream in) throws IOException {
    String size = line(in);
    if (size == null) {
      return null;
    }
    int length = Integer.parseInt(size.trim(), 16);
    byte[] chunk = in.readNBytes(length);
    if (chunk.length < length || line(in) == null) {
      return null;
    }
    return chunk;
  }

  /** A line without its CRLF, or null at the end of the stream. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return null;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
