package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.RouteConfig;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.CountStreams;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server streaming through a real gateway to a real backend: framings, errors, flow control. */
class GatewayStreamingIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private int port;

  private Http gateway(StreamFormat format, RouteConfig... routes) throws Exception {
    echo = servers.backend("echo");
    ServerConfig server = TestConfigs.server(format);
    GatewayServer gateway = servers.gateway(TestConfigs.config(server,
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(routes),
        HeadersConfig.DEFAULT));
    port = gateway.httpPort();
    return new Http(port);
  }

  private CountStreams counts() {
    return echo.service().counts;
  }

  @Test
  void ndjsonMessagesArriveAsTheBackendSendsThem() throws Exception {
    Http http = gateway(StreamFormat.NDJSON);

    HttpResponse<Stream<String>> response =
        http.send(http.request("/v1/count/3?tag=paced&pause=true").build(), HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = response.body().iterator();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    // The backend holds messages 1 and 2 until released: line 0 must arrive on its own.
    assertThat(lines.next()).isEqualTo("{\"text\":\"0\",\"server\":\"echo\"}");
    assertThat(counts().sent("paced")).isEqualTo(1);
    counts().release("paced");
    assertThat(lines.next()).isEqualTo("{\"text\":\"1\",\"server\":\"echo\"}");
    assertThat(lines.next()).isEqualTo("{\"text\":\"2\",\"server\":\"echo\"}");
    assertThat(lines.hasNext()).isFalse();
  }

  @Test
  void acceptEventStreamGivesServerSentEvents() throws Exception {
    Http http = gateway(StreamFormat.NDJSON);

    HttpResponse<String> response = http.get("/v1/count/2", "Accept", "text/event-stream");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    assertThat(response.body()).isEqualTo("data: {\"text\":\"0\",\"server\":\"echo\"}\n\n"
        + "data: {\"text\":\"1\",\"server\":\"echo\"}\n\n");
  }

  @Test
  void jsonArrayModeGivesOneArray() throws Exception {
    Http http = gateway(StreamFormat.JSON_ARRAY);

    HttpResponse<String> response = http.get("/v1/count/2");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo(
        "[{\"text\":\"0\",\"server\":\"echo\"},{\"text\":\"1\",\"server\":\"echo\"}]");
  }

  @Test
  void emptyStreamIsAnEmptyBodyOrAnEmptyArray() throws Exception {
    Http http = gateway(StreamFormat.JSON_ARRAY);

    assertThat(http.get("/v1/count/0").body()).isEqualTo("[]");
    assertThat(http.get("/v1/count/0", "Accept", "application/x-ndjson").body()).isEmpty();
  }

  @Test
  void errorBeforeTheFirstMessageIsANormalErrorResponse() throws Exception {
    Http http = gateway(StreamFormat.NDJSON);

    HttpResponse<String> response = http.get("/v1/count/3?failCode=5&failAfter=0");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Http.json(response.body()).get("code").asInt()).isEqualTo(5);
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("failed after 0 messages");
  }

  @Test
  void errorMidStreamEndsNdjsonWithATerminalErrorObject() throws Exception {
    Http http = gateway(StreamFormat.NDJSON);

    HttpResponse<String> response = http.get("/v1/count/3?failCode=14&failAfter=2");

    assertThat(response.statusCode()).isEqualTo(200);
    String[] lines = response.body().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).isEqualTo("{\"text\":\"1\",\"server\":\"echo\"}");
    assertThat(Http.json(lines[2]).get("error").get("code").asInt()).isEqualTo(14);
    assertThat(Http.json(lines[2]).get("error").get("message").asText())
        .isEqualTo("failed after 2 messages");
  }

  @Test
  void errorMidStreamIsAnErrorEventInSse() throws Exception {
    Http http = gateway(StreamFormat.NDJSON);

    HttpResponse<String> response =
        http.get("/v1/count/3?failCode=14&failAfter=1", "Accept", "text/event-stream");

    String[] events = response.body().split("\n\n");
    assertThat(events).hasSize(2);
    assertThat(events[1]).startsWith("event: error\ndata: {");
    assertThat(Http.json(events[1].substring(events[1].indexOf('{'))).get("code").asInt())
        .isEqualTo(14);
  }

  @Test
  void errorMidStreamIsTheLastArrayElementInJsonArrayMode() throws Exception {
    Http http = gateway(StreamFormat.JSON_ARRAY);

    HttpResponse<String> response = http.get("/v1/count/3?failCode=14&failAfter=1");

    assertThat(Http.json(response.body()).size()).isEqualTo(2);
    assertThat(Http.json(response.body()).get(1).get("error").get("code").asInt()).isEqualTo(14);
  }

  @Test
  void deadlineMidStreamEndsWithADeadlineExceededErrorObject() throws Exception {
    Http http = gateway(StreamFormat.NDJSON,
        new RouteConfig("gangway.gwtest.v1.EchoService.Count", Duration.ofMillis(300)));

    // The backend pauses after the first message and is never released: the deadline ends it.
    HttpResponse<String> response = http.get("/v1/count/3?tag=late&pause=true");

    assertThat(response.statusCode()).isEqualTo(200);
    String[] lines = response.body().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(Http.json(lines[1]).get("error").get("code").asInt()).isEqualTo(4);
  }

  @Test
  void clientDisconnectCancelsTheBackendCall() throws Exception {
    gateway(StreamFormat.NDJSON);

    try (Socket socket = request("/v1/count/3?tag=gone&pause=true")) {
      BufferedReader in = reader(socket.getInputStream());
      readUntilLineContaining(in, "\"text\":\"0\"");
    }

    assertThat(counts().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("gone");
  }

  @Test
  void backendIsAskedForMoreOnlyWhenTheClientReads() throws Exception {
    Http http = gateway(StreamFormat.NDJSON);
    int total = 4000;
    int pad = 16 << 10; // 4000 messages of 16 KiB: far beyond socket buffers and gRPC windows

    try (Socket socket = request("/v1/count/" + total + "?tag=stalled&pad=" + pad)) {
      // The client reads nothing: the backend must come to a stop, waiting for onReady, with
      // no more sent across a full round trip through gateway and backend (the blocked state
      // can be momentary while bytes move into open windows, hence the repeat).
      Await.until("the backend stream stalls", () -> {
        int before = counts().sent("stalled");
        assertThat(http.get("/v1/echo/ping").statusCode()).isEqualTo(200);
        return counts().blocked("stalled") && counts().sent("stalled") == before;
      }, () -> counts().sent("stalled") + " sent");

      assertThat(counts().sent("stalled")).isLessThan(total / 2);

      BufferedReader in = reader(socket.getInputStream());
      skipHead(in);
      List<String> messages = new ArrayList<>();
      for (String line = in.readLine(); !line.equals("0"); line = in.readLine()) {
        if (line.startsWith("{")) {
          messages.add(line);
        }
      }
      assertThat(messages).hasSize(total);
      assertThat(counts().sent("stalled")).isEqualTo(total);
    }
  }

  private Socket request(String path) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return socket;
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static void skipHead(BufferedReader in) throws IOException {
    for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
      // status line and headers
    }
  }

  private static void readUntilLineContaining(BufferedReader in, String marker) throws IOException {
    for (String line = in.readLine(); !line.contains(marker); line = in.readLine()) {
      // head and chunk sizes
    }
  }
}
