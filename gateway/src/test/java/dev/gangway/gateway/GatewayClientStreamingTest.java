package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gangway.gateway.config.HeadersConfig;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client streaming through a real gateway to a real backend: NDJSON, arrays, errors, pacing. */
class GatewayClientStreamingTest {
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
  void clientThatGoesAwayMidStreamCancelsTheCall() throws Exception {
    ChunkedPost post = sumPost(port, "application/x-ndjson");
    post.write("{\"n\":1,\"tag\":\"gone\"}\n");
    Await.until("the message at the backend", () -> sums().received("gone") == 1,
        () -> sums().received("gone"));

    post.close();

    assertThat(sums().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("gone");
  }
}
