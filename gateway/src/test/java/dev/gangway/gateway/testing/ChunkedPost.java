package dev.gangway.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunked POST over a raw socket: each write is sent as one chunk at once, so a test controls
 * when body bytes reach the gateway.
 *
 * <p>Not thread-safe.
 */
public final class ChunkedPost implements AutoCloseable {
  public final RawHttp raw;

  /** Sends the request head; {@code contentType} null sends none. */
  public ChunkedPost(int port, String path, String contentType) throws IOException {
    raw = new RawHttp(port);
    List<String> head = new ArrayList<>(List.of("POST " + path + " HTTP/1.1", "Host: 127.0.0.1",
        "Transfer-Encoding: chunked"));
    if (contentType != null) {
      head.add("Content-Type: " + contentType);
    }
    raw.send(head, new byte[0]);
  }

  public void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  public void write(byte[] bytes) throws IOException {
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    String size = Integer.toHexString(bytes.length) + "\r\n";
    chunk.writeBytes(size.getBytes(StandardCharsets.US_ASCII));
    chunk.writeBytes(bytes);
    chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    raw.send(List.of(), chunk.toByteArray());
  }

  /** Sends the terminating chunk and reads the response. */
  public RawHttp.Response finish() throws IOException {
    raw.send(List.of(), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return raw.read();
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }
}
