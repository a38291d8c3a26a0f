package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.LimitsConfig;
import dev.gangway.gateway.config.ServerConfig;
import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.ChunkedPost;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.SumStreams;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client streaming through a real gateway to a real backend: NDJSON, arrays, errors, pacing. */
class GatewayClientStreamingIT {
  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private Http http;
  private int port;

  @BeforeEach
  void start() throws Exception {
    echo = servers.backend("echo");
    ServerConfig server = TestConfigs.server(StreamFormat.NDJSON);
    GatewayServer gateway = servers.gateway(TestConfigs.config(server,
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT));
    port = gateway.httpPort();
    http = new Http(port);
  }

  private SumStreams sums() {
    return echo.service().sums;
  }

  /** A chunked POST to /v1/sum. */
  private static ChunkedPost sumPost(int port, String contentType) throws IOException {
    return new ChunkedPost(port, "/v1/sum", contentType);
  }

  @Test
  void tenThousandNdjsonLinesAreSummed() throws Exception {
    try (ChunkedPost post = sumPost(port, "application/x-ndjson")) {
      StringBuilder chunk = new StringBuilder();
      long expected = 0;
      for (int i = 1; i <= 10_000; i++) {
        chunk.append("{\"n\":").append(i).append(",\"tag\":\"many\"}\n");
        expected += i;
        if (chunk.length() > 4000) {
          post.write(chunk.toString());
          chunk.setLength(0);
        }
      }
      post.write(chunk.toString());

      RawHttp.Response response = post.finish();

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(response.body())
          .isEqualTo("{\"text\":\"sum " + expected + " count 10000\"}");
    }
  }

  @Test
  void messagesReachTheBackendBeforeTheBodyEnds() throws Exception {
    try (ChunkedPost post = sumPost(port, "application/x-ndjson")) {
      post.write("{\"n\":1,\"tag\":\"early\"}\n{\"n\":2,\"tag\":\"early\"}\n");

      Await.until("both messages at the backend while the body is open",
          () -> sums().received("early") == 2, () -> sums().received("early"));
      // A line split across writes is one message.
      post.write("{\"n\":");
      post.write("3,\"tag\":\"early\"}");

      RawHttp.Response response = post.finish();

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"text\":\"sum 6 count 3\"}");
    }
  }

  @Test
  void badLineAnswers400NamingTheLineAndCancelsTheCall() throws Exception {
    try (ChunkedPost post = sumPost(port, "application/x-ndjson")) {
      post.write("{\"n\":1,\"tag\":\"bad\"}\n");
      Await.until("the first message at the backend", () -> sums().received("bad") == 1,
          () -> sums().received("bad"));
      post.write("\n{\"nope\":2}\n{\"n\":3}\n");

      RawHttp.Response response = post.raw.read();

      assertThat(response.status()).as(response.body()).isEqualTo(400);
      JsonNode body = Http.json(response.body());
      assertThat(body.get("code").asInt()).isEqualTo(3);
      assertThat(body.get("message").asText()).startsWith("line 3: body: ").contains("nope");
      assertThat(sums().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("bad");
    }
  }

  @Test
  void lineOverTheBodyLimitIs413ButTheStreamAsAWholeIsNot() throws Exception {
    GatewayServer small = servers.gateway(TestConfigs.config(
        TestConfigs.server(64, ServerConfig.DEFAULT.maxGrpcTimeout()),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT));
    try (ChunkedPost post = sumPost(small.httpPort(), "application/x-ndjson")) {
      String shortLine = "{\"n\":1,\"tag\":\"limit\",\"pad\":1}\n";
      post.write(shortLine + shortLine + shortLine);
      Await.until("three messages at the backend", () -> sums().received("limit") == 3,
          () -> sums().received("limit"));
      post.write("{\"n\":1,\"tag\":\"limit\",\"pad\":1" + " ".repeat(64) + "}\n");

      RawHttp.Response response = post.raw.read();

      assertThat(response.status()).as(response.body()).isEqualTo(413);
      assertThat(Http.json(response.body()).get("message").asText())
          .isEqualTo("line 4 larger than 64 bytes");
      assertThat(sums().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("limit");
    }
  }

  @Test
  void jsonArrayBodySendsEachElement() {
    HttpResponse<String> response = http.post("/v1/sum",
        "[{\"n\":1,\"tag\":\"array\"},\n {\"n\":2,\"tag\":\"array\"},\n {\"n\":39,\"tag\":\"array\"}]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"text\":\"sum 42 count 3\"}");
    assertThat(sums().received("array")).as("every element is a message").isEqualTo(3);
  }

  @Test
  void badArrayElementAnswers400NamingTheElement() {
    HttpResponse<String> response = http.post("/v1/sum", "[{\"n\":1},{\"n\":\"x\"}]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").asText()).startsWith("element 1: body: ");
  }

  /** The JSON limits hold for each message of a stream, and for an array body as a whole. */
  @Test
  void streamMessagesAreHeldToTheJsonLimits() throws Exception {
    GatewayServer tight = servers.gateway(TestConfigs.config(TestConfigs.server(StreamFormat.NDJSON),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT).toBuilder()
        .limits(LimitsConfig.DEFAULT.toBuilder().maxJsonEntries(3).build())
        .build());
    Http limited = new Http(tight.httpPort());

    HttpResponse<String> array = limited.post("/v1/sum",
        "[{\"n\":1,\"tag\":\"many\"},{\"n\":1,\"tag\":\"many\"},"
            + "{\"n\":1,\"tag\":\"many\"},{\"n\":1,\"tag\":\"many\"}]");
    assertThat(array.statusCode()).as(array.body()).isEqualTo(400);
    assertThat(Http.json(array.body()).get("message").asText()).isEqualTo(
        "body: a JSON object or array has more than 3 entries (limits.max_json_entries)");
    assertThat(sums().received("many")).as("nothing is sent before the array is read").isZero();

    try (ChunkedPost post = sumPost(tight.httpPort(), "application/x-ndjson")) {
      post.write("{\"n\":1,\"tag\":\"wide\"}\n{\"n\":1,\"tag\":\"wide\",\"pad\":1,\"pause\":false}\n");
      RawHttp.Response response = post.raw.read();

      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(Http.json(response.body()).get("message").asText()).isEqualTo("line 2: body:"
          + " a JSON object or array has more than 3 entries (limits.max_json_entries)");
    }
  }

  @Test
  void emptyBodyIsAStreamOfNoMessages() throws Exception {
    HttpResponse<String> response = http.send(http.request("/v1/sum")
        .POST(HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"text\":\"sum 0 count 0\"}");
    assertThat(sums().completedCounts.poll(20, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void otherContentTypeIs415() {
    HttpResponse<String> response = http.send(http.request("/v1/sum")
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
  }

  @Test
  void gatewayStopsReadingTheBodyWhileTheBackendTakesNoMessages() throws Exception {
    int lines = 64 << 10; // 64 MiB of 1 KiB lines: far beyond every window and socket buffer
    long total = (long) lines << 10;
    sums().hold(HELD); // the backend stops requesting after the first message
    try (RawHttp raw = new RawHttp(port)) {
      raw.socket().setSendBufferSize(64 << 10);
      raw.send(List.of("POST /v1/sum HTTP/1.1", "Host: 127.0.0.1",
          "Content-Type: application/x-ndjson", "Content-Length: " + total), new byte[0]);
      AtomicLong accepted = new AtomicLong();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeLines(raw, lines,
          accepted));

      Await.until("the backend holding the stream", () -> sums().parked(HELD),
          () -> sums().received(HELD) + " received, writer " + writer);
      // The client's writes must come to a stop: the gateway reads no more than gRPC's window
      // and its socket buffers take, while the backend requests nothing.
      Stall stall = new Stall(accepted::get);
      Await.until("the client's writes to block", () -> {
        assertThat(http.get("/v1/echo/ping").statusCode()).isEqualTo(200); // a round trip
        return stall.stalled();
      }, () -> accepted.get() + " bytes accepted");
      long acceptedWhileHeld = accepted.get();
      System.out.printf("client stream held by the backend: %d KiB of %d KiB accepted, %d"
          + " message(s) at the backend%n", acceptedWhileHeld >> 10, total >> 10,
          sums().received(HELD));
      assertThat(acceptedWhileHeld).isLessThan(16L << 20);
      assertThat(sums().received(HELD)).isEqualTo(1);
      assertThat(writer).isNotDone();

      sums().release(HELD);

      // 64 MiB through gateway and backend once released: a liveness bound with room for a
      // machine shared by several builds (it took over 20 s at a load average of 30).
      writer.get(60, TimeUnit.SECONDS);
      RawHttp.Response response = raw.read();
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      long sum = (long) lines * (lines + 1) / 2;
      assertThat(response.body()).isEqualTo("{\"text\":\"sum " + sum + " count " + lines + "\"}");
    }
  }

  /** A tag long enough that each message of the held stream is about 1 KiB once bound. */
  private static final String HELD = "held-" + "x".repeat(960);

  /** Writes {@code lines} NDJSON lines of exactly 1 KiB, {@code n} = 1.., counting bytes sent. */
  private static void writeLines(RawHttp raw, int lines, AtomicLong accepted) {
    try {
      OutputStream out = raw.socket().getOutputStream();
      byte[] block = new byte[64 << 10];
      for (int first = 1; first <= lines; first += 64) {
        for (int i = 0; i < 64; i++) {
          String line = "{\"n\":" + (first + i) + ",\"tag\":\"" + HELD + "\"}";
          byte[] text = line.getBytes(StandardCharsets.US_ASCII);
          Arrays.fill(block, i << 10, (i + 1) << 10, (byte) ' ');
          System.arraycopy(text, 0, block, i << 10, text.length);
          block[((i + 1) << 10) - 1] = '\n';
        }
        out.write(block);
        accepted.addAndGet(block.length);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Says whether a counter has stopped moving: unchanged over 20 consecutive looks. */
  private static final class Stall {
    private final LongSupplier value;
    private long last = -1;
    private int unchanged;

    Stall(LongSupplier value) {
      this.value = value;
    }

    boolean stalled() {
      long now = value.getAsLong();
      unchanged = now == last ? unchanged + 1 : 0;
      last = now;
      return unchanged >= 20;
    }
  }

  @Test
  void clientThatGoesAwayMidStreamCancelsTheCall() throws Exception {
    ChunkedPost post = sumPost(port, "application/x-ndjson");
    post.write("{\"n\":1,\"tag\":\"gone\"}\n");
    Await.until("the message at the backend", () -> sums().received("gone") == 1,
        () -> sums().received("gone"));

    post.close();

    assertThat(sums().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("gone");
  }
}
