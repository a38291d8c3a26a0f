package dev.gangway.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Speaks HTTP/1.1 over a plain socket, for what java.net.http refuses to send (hop-by-hop headers,
 * a Content-Length with no body) and for closing a connection mid-request.
 *
 * <p>Not thread-safe.
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;

  public RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
  }

  /** The socket, for its options (buffer sizes) and for writing from another thread. */
  public Socket socket() {
    return socket;
  }

  /** Writes the request head ({@code \r\n} line ends added; none when empty), then {@code body}. */
  public RawHttp send(List<String> head, byte[] body) throws IOException {
    StringBuilder text = new StringBuilder();
    if (!head.isEmpty()) {
      head.forEach(line -> text.append(line).append("\r\n"));
      text.append("\r\n");
    }
    OutputStream out = socket.getOutputStream();
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    return this;
  }

  /** Reads one response whose body has a Content-Length. */
  public Response read() throws IOException {
    InputStream in = socket.getInputStream();
    String status = line(in);
    List<String[]> headers = new ArrayList<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
    }
    Response response = new Response(Integer.parseInt(status.split(" ")[1]), headers, "");
    int length = response.header("Content-Length").map(Integer::parseInt).orElse(0);
    byte[] body = in.readNBytes(length);
    return new Response(response.status(), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** The connection's input, for what follows a response (e.g. WebSocket frames after a 101). */
  public InputStream input() throws IOException {
    return socket.getInputStream();
  }

  private static String line(InputStream in) throws IOException {
    String line = ChunkedResponse.line(in);
    if (line == null) {
      throw new IOException("connection closed inside a response head");
    }
    return line;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A response: status, headers in order, body. */
  public record Response(int status, List<String[]> headers, String body) {
    public Optional<String> header(String name) {
      return headers.stream()
          .filter(h -> h[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
          .map(h -> h[1])
          .findFirst();
    }
  }
}
