package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.CliOverrides;
import dev.gangway.gateway.config.ConfigLoader;
import dev.gangway.gateway.testing.ChunkedResponse;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1 framing of issue 10's low findings, over raw sockets against a real gateway: a static GET
 * with a body, a client that half-closes after its request, and the framing of streams on
 * connections that close after them.
 */
class GatewayHttp1FramingTest {
  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private int port;

  @BeforeEach
  void start() throws Exception {
    Path web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("a.txt"), "hello\n");
    EchoBackend echo = servers.backend("echo");
    Path config = dir.resolve("gangway.yaml");
    Files.writeString(config, String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, io_threads: 2}",
        "admin: {port: -1}",
        "descriptors: {paths: ['" + TestConfigs.DESCRIPTORS.toAbsolutePath() + "'], watch: false}",
        "backends:",
        "  - {name: echo, services: [" + TestConfigs.ECHO_SERVICE + "], target: '"
            + echo.target() + "'}",
        "static: [{prefix: /web/, directory: web}]",
        ""));
    port = servers.own(GatewayServer.start(
        new ConfigLoader(Optional.of(config), CliOverrides.NONE, name -> null))).httpPort();
  }

  /** Everything the gateway sends until it closes the connection (the socket times out at 20 s). */
  private String exchange(String request, boolean halfClose) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** One parsed response: interim (1xx) responses, then the final one's head and raw body. */
  private record Answer(List<Integer> interim, int status, List<String> headers, String body) {
    static Answer parse(String wire) {
      List<Integer> interim = new ArrayList<>();
      String rest = wire;
      while (true) {
        int end = rest.indexOf("\r\n\r\n");
        assertThat(end).as("a complete response head in %s", wire).isPositive();
        List<String> lines = List.of(rest.substring(0, end).split("\r\n"));
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        rest = rest.substring(end + 4);
        if (status >= 200) {
          return new Answer(interim, status, lines.subList(1, lines.size()), rest);
        }
        interim.add(status);
      }
    }

    Optional<String> header(String name) {
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
          .map(h -> h.substring(h.indexOf(':') + 1).trim())
          .findFirst();
    }
  }

  @Test
  void staticGetWithAnEndlessChunkedBodyIsServedAndTheConnectionClosed() throws IOException {
    // The body never ends: it is not waited for, and nothing after it is parsed.
    Answer answer = Answer.parse(exchange("GET /web/a.txt HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nhello\r\n", false));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Connection")).hasValue("close");
    assertThat(answer.body()).isEqualTo("hello\n");
  }

  @Test
  void staticGetWithALengthDelimitedBodyIsServed() throws IOException {
    Answer answer = Answer.parse(exchange("GET /web/a.txt HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 5\r\n\r\nhello", false));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Connection")).hasValue("close");
    assertThat(answer.body()).isEqualTo("hello\n");
  }

  @Test
  void halfClosedClientGetsItsUnaryResponse() throws IOException {
    Answer get = Answer.parse(exchange("GET /v1/echo/half HTTP/1.1\r\nHost: x\r\n\r\n", true));
    Answer post = Answer.parse(exchange("POST /v1/echo HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"text\":\"half\"}", true));

    for (Answer answer : List.of(get, post)) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.interim()).allMatch(status -> status == 102);
      assertThat(answer.header("Connection")).hasValue("close");
      assertThat(Http.json(answer.body()).get("text").asText()).isEqualTo("half");
    }
  }

  @Test
  void halfClosedClientGetsItsStreamAndStaticFile() throws IOException {
    Answer stream = Answer.parse(exchange("GET /v1/count/3 HTTP/1.1\r\nHost: x\r\n\r\n", true));
    Answer file = Answer.parse(exchange("GET /web/a.txt HTTP/1.1\r\nHost: x\r\n\r\n", true));

    assertThat(stream.status()).isEqualTo(200);
    assertThat(dechunk(stream.body())).isEqualTo(ndjson(3));
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("hello\n");
  }

  @Test
  void halfClosedHttp10ClientGetsItsResponseWithoutInterimOnes() throws IOException {
    Answer answer = Answer.parse(exchange("GET /v1/echo/old HTTP/1.0\r\nHost: x\r\n\r\n", true));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.interim()).isEmpty();
    assertThat(Http.json(answer.body()).get("text").asText()).isEqualTo("old");
  }

  @Test
  void streamOnAClosingHttp11ConnectionIsChunkedAndEndsWithTheLastChunk() throws IOException {
    for (String accept : List.of("application/x-ndjson", "text/event-stream")) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("GET /v1/count/3 HTTP/1.1\r\nHost: x\r\nAccept: " + accept
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        ChunkedResponse response = ChunkedResponse.read(in);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.complete()).as("terminating chunk").isTrue();
        String data = new String(response.data(), StandardCharsets.UTF_8);
        assertThat(data).isEqualTo(accept.equals("text/event-stream")
            ? ndjson(3).replace("{", "data: {").replace("}\n", "}\n\n") : ndjson(3));
        assertThat(in.read()).as("closed after the stream").isEqualTo(-1);
      }
    }
  }

  @Test
  void streamToAnHttp10ClientIsCloseDelimitedWithoutTransferEncoding() throws IOException {
    Answer answer = Answer.parse(exchange("GET /v1/count/3 HTTP/1.0\r\nHost: x\r\n\r\n", false));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Transfer-Encoding")).isEmpty();
    assertThat(answer.header("Content-Length")).isEmpty();
    assertThat(answer.header("Connection")).hasValue("close");
    assertThat(answer.body()).isEqualTo(ndjson(3));
  }

  private static String ndjson(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append("{\"text\":\"").append(i).append("\",\"server\":\"echo\"}\n");
    }
    return out.toString();
  }

  /** The data of a complete chunked body; fails on a body cut short. */
  private static String dechunk(String body) throws IOException {
    ChunkedResponse response = ChunkedResponse.read(new java.io.ByteArrayInputStream(
        ("HTTP/1.1 200 OK\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(response.complete()).as("terminating chunk").isTrue();
    return new String(response.data(), StandardCharsets.UTF_8);
  }
}
