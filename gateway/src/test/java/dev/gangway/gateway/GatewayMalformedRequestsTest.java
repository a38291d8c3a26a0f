package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed HTTP/1 requests of issue 10 over raw sockets: versions other than HTTP/1.x, heads
 * Undertow used to answer with an empty 400, and chunked framing with bare LFs (request
 * smuggling hygiene, RFC 9112). Each gets its status with a {@code google.rpc.Status} body naming
 * the problem, and the connection closes.
 */
class GatewayMalformedRequestsTest {
  private static final String CHUNKED_POST = "POST /v1/echo HTTP/1.1\r\nHost: x\r\n"
      + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  private static final String BODY = "{\"text\":\"hi\"}"; // 13 bytes, "d" in hex

  @RegisterExtension final TestServers servers = new TestServers();

  private int port;

  @BeforeEach
  void start() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayConfig config = TestConfigs.config(TestConfigs.server(),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT);
    port = servers.gateway(config).httpPort();
  }

  /** Sends {@code request} and returns every response until the gateway closes the connection. */
  private List<Answer> exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return Answer.parseAll(
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
    }
  }

  private Answer only(String request) throws IOException {
    List<Answer> answers = exchange(request);
    assertThat(answers).hasSize(1);
    return answers.get(0);
  }

  private record Answer(int status, List<String> headers, String body) {
    static List<Answer> parseAll(String wire) {
      List<Answer> answers = new ArrayList<>();
      String rest = wire;
      while (!rest.isEmpty()) {
        int end = rest.indexOf("\r\n\r\n");
        assertThat(end).as("a complete response head in %s", wire).isPositive();
        List<String> lines = List.of(rest.substring(0, end).split("\r\n"));
        Answer head = new Answer(Integer.parseInt(lines.get(0).split(" ")[1]),
            lines.subList(1, lines.size()), "");
        int length = Integer.parseInt(head.header("Content-Length").orElseThrow());
        answers.add(new Answer(head.status(), head.headers(),
            rest.substring(end + 4, end + 4 + length)));
        rest = rest.substring(end + 4 + length);
      }
      return answers;
    }

    Optional<String> header(String name) {
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
          .map(h -> h.substring(h.indexOf(':') + 1).trim())
          .findFirst();
    }

    String message() {
      return Http.json(body).get("message").asText();
    }
  }

  private static void assertRefused(Answer answer, int status, int code, String message) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).hasValue("application/json");
    assertThat(answer.header("Connection")).hasValue("close");
    JsonNode body = Http.json(answer.body());
    assertThat(body.get("code").asInt()).isEqualTo(code);
    assertThat(body.get("message").asText()).isEqualTo(message);
  }

  private static final String VERSION =
      "HTTP version not supported: an HTTP/1 request must be HTTP/1.0 or HTTP/1.1";

  @Test
  void versionsOtherThanHttp1Are505() throws IOException {
    for (String version : List.of("HTTP/9.9", "HTTP/2.0", "HTTP/0.9", "HTTP/3.0")) {
      assertRefused(only("GET /v1/echo/a " + version + "\r\nHost: x\r\n\r\n"), 505, 12, VERSION);
    }
  }

  @Test
  void laterHttp1MinorVersionsAreServedAsHttp11() throws IOException {
    // RFC 9110 section 2.5: a higher minor version of a major version spoken is served as the
    // highest minor version spoken.
    Answer answer = only("GET /v1/echo/minor HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(Http.json(answer.body()).get("text").asText()).isEqualTo("minor");
  }

  @Test
  void hostMissingOrTwiceIs400() throws IOException {
    String message = "an HTTP/1.1 request needs exactly one Host header";
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\n\r\n"), 400, 3, message);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"), 400, 3,
        message);
  }

  @Test
  void malformedHeadsGet400WithAStatusBody() throws IOException {
    String requestLine =
        "malformed request line: expected METHOD SP request-target SP HTTP/1.x CRLF";
    String field =
        "malformed header field: expected name \":\" value CRLF, without control characters";
    assertRefused(only("GARBAGE\r\n\r\n"), 400, 3, requestLine);
    assertRefused(only("GET /v1/echo/a b HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 3, requestLine);
    assertRefused(only("GET /v1/echo/a\u0001 HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 3,
        requestLine);
    assertRefused(only("GET /v1/echo/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 3, requestLine);
    assertRefused(only("GET  /v1/echo/a HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 3, requestLine);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n"), 400, 3,
        field);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n"), 400, 3, field);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost : x\r\n\r\n"), 400, 3, field);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n"), 400, 3,
        field);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n b\r\n\r\n"), 400, 3,
        "header field folded over lines (obs-fold) is not accepted");
  }

  @Test
  void headsOnlyUndertowRefusesGet400WithAStatusBody() throws IOException {
    // Undertow's parser refuses these with its constant empty 400, replaced on the socket.
    StringBuilder query = new StringBuilder("p0=1");
    for (int i = 1; i < 1100; i++) {
      query.append("&p").append(i).append("=1");
    }
    assertRefused(only("GET /v1/echo/%zz HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 3,
        "malformed request head");
    assertRefused(only("GET /v1/echo/a?" + query + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 3,
        "malformed request head");
  }

  @Test
  void bareLineEndsInTheHeadAre400() throws IOException {
    String bare = "a line of the request head ends without CRLF (a bare LF or CR)";
    assertRefused(only("GET /v1/echo/a HTTP/1.1\nHost: x\n\n"), 400, 3, bare);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\n\r\n"), 400, 3, bare);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\n\n"), 400, 3, bare);
    assertRefused(only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\n\rX"), 400, 3, bare);
  }

  @Test
  void contentLengthWithTransferEncodingOrInvalidIs400() throws IOException {
    String message = "invalid Content-Length: one decimal length, and no Transfer-Encoding with it";
    assertRefused(only(CHUNKED_POST.replace("\r\n\r\n", "\r\nContent-Length: 5\r\n\r\n")
        + "0\r\n\r\n"), 400, 3, message);
    assertRefused(only("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 1x\r\n\r\n"), 400, 3, message);
    assertRefused(only("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 13\r\nContent-Length: 14\r\n\r\n" + BODY), 400, 3, message);
  }

  @Test
  void wellFramedChunkedBodiesAreServed() throws IOException {
    Answer answer = only(CHUNKED_POST.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
        + "4;ext=1\r\n{\"te\r\n9\r\nxt\":\"hi\"}\r\n0\r\nX-Trailer: t\r\n\r\n");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(Http.json(answer.body()).get("text").asText()).isEqualTo("hi");
  }

  @Test
  void bareLineFeedsInChunkedFramingAre400AndTheConnectionCloses() throws IOException {
    String message = "malformed chunked body: chunk sizes, chunk data and trailer lines must each"
        + " end in CRLF";
    for (String body : List.of(
        "d\n" + BODY + "\r\n0\r\n\r\n",           // chunk size line
        "d\r\n" + BODY + "\n0\r\n\r\n",           // after chunk data
        "d\r\n" + BODY + "\r\n0\n\r\n",           // last chunk
        "d\r\n" + BODY + "\r\n0\r\n\n",           // end of trailer section
        "d\r\n" + BODY + "\r\n0\r\nX-T: t\n\r\n", // trailer line
        "d;ext\n" + BODY + "\r\n0\r\n\r\n",       // chunk extension
        "z\r\n" + BODY + "\r\n0\r\n\r\n")) {      // not a size
      assertRefused(only(CHUNKED_POST + body), 400, 3, message);
    }
  }

  @Test
  void aRefusedRequestPipelinedAfterAGoodOneIsAnsweredInOrder() throws IOException {
    List<Answer> answers = exchange("GET /v1/echo/first HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /v1/echo/second HTTP/9.9\r\nHost: x\r\n\r\n"
        + "GET /v1/echo/never HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).status()).isEqualTo(200);
    assertThat(Http.json(answers.get(0).body()).get("text").asText()).isEqualTo("first");
    assertRefused(answers.get(1), 505, 12, VERSION);
  }

  @Test
  void aHeadLargerThanTheLimitIs431() throws IOException {
    // server.max_header_size 16 KiB + limits.max_url_size 8 KiB + 4 KiB of line ends
    Answer answer = only("GET /v1/echo/a HTTP/1.1\r\nHost: x\r\nX-Big: "
        + "b".repeat(29000) + "\r\n\r\n");

    assertRefused(answer, 431, 3,
        "request head is too large (server.max_header_size, limits.max_url_size)");
  }
}
