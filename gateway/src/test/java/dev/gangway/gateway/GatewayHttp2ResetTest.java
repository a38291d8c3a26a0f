package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.GatewayConfig;
import dev.gangway.gateway.config.ServerTlsConfig;
import dev.gangway.gateway.testing.CompositeConfigs;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestCertificates;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.TlsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composites and long streams over HTTP/2, and a client's RST_STREAM cancelling its backend call,
 * over h2c and over TLS (ALPN h2), for a unary call, a server stream and a composite: java.net.http resets the stream when its response
 * future is cancelled, and the test backend records the cancellation of its call's context. The
 * connection stays usable, and the reset exchange is ended (with one request allowed in flight,
 * the next request is served rather than refused).
 */
class GatewayHttp2ResetTest {
  private static final String ECHO = ECHO_SERVICE + ".";

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private EchoBackend echo;
  private HttpClient client;
  private String base;

  /** A gateway allowing one request at a time, with a composite of two Slow calls. */
  private void gateway(boolean tls) throws Exception {
    echo = servers.backend("echo");
    GatewayConfig config = CompositeConfigs.load(dir, echo.target(), String.join("\n",
        "  - name: slow-pair",
        "    method: GET",
        "    path: /v1/slow-pair",
        "    calls:",
        "      a: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: pair-a}}",
        "      b: {method: " + ECHO + "Slow, request: {delay_ms: 60000, tag: pair-b}}",
        "  - name: quick-pair",
        "    method: GET",
        "    path: /v1/quick-pair",
        "    calls:",
        "      a: {method: " + ECHO + "Echo, request: {text: a}}",
        "      b: {method: " + ECHO + "Echo, request: {text: b}}"));
    TestCertificates certificates = tls ? TestCertificates.selfSigned(dir, "gw", "localhost") : null;
    config = config.toBuilder()
        .server(config.server().toBuilder().h2c(!tls)
            .tls(tls ? Optional.of(ServerTlsConfig.of(certificates.cert(), certificates.key()))
                : Optional.empty())
            .build())
        .limits(config.limits().toBuilder().maxConcurrentRequests(1).build())
        .build();
    GatewayServer gateway = servers.gateway(config);
    client = tls
        ? TlsClients.client(TlsClients.context(certificates, null))
        : HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    base = (tls ? "https://localhost:" : "http://127.0.0.1:") + gateway.httpPort();
    // The first request upgrades (h2c) or negotiates (ALPN) the connection the others share.
    assertThat(get("/v1/echo/warm-up").version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  /** Starts {@code request}, waits for the backend to see {@code tag}, then resets the stream. */
  private void startThenReset(HttpRequest request, BlockingQueue<String> started, String tag)
      throws Exception {
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    assertThat(started.poll(20, TimeUnit.SECONDS)).isEqualTo(tag);
    assertThat(response.cancel(true)).isTrue();
  }

  private void assertStillServing() throws Exception {
    HttpResponse<String> after = get("/v1/echo/after");
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(after.version()).isEqualTo(HttpClient.Version.HTTP_2);
  }

  private void unaryResetCancelsTheBackendCall() throws Exception {
    startThenReset(request("/v1/slow").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"delayMs\":60000,\"tag\":\"unary\"}"))
            .build(), echo.service().slowStarted, "unary");

    assertThat(echo.service().slowCancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("unary");
    assertStillServing();
  }

  @Test
  void resetOfAUnaryCallOverH2cCancelsIt() throws Exception {
    gateway(false);

    unaryResetCancelsTheBackendCall();
  }

  @Test
  void resetOfAUnaryCallOverTlsCancelsIt() throws Exception {
    gateway(true);

    unaryResetCancelsTheBackendCall();
  }

  @Test
  void resetOfAServerStreamCancelsIt() throws Exception {
    gateway(false);

    CompletableFuture<HttpResponse<java.io.InputStream>> stream = client.sendAsync(
        request("/v1/count/5?pause=true&tag=stream").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(echo.service().counts.started.poll(20, TimeUnit.SECONDS)).isEqualTo("stream");
    // The first message has been written; the backend now waits: reset while it does.
    HttpResponse<java.io.InputStream> open = stream.get(20, TimeUnit.SECONDS);
    assertThat(open.statusCode()).isEqualTo(200);
    open.body().close();

    assertThat(echo.service().counts.cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("stream");
    assertStillServing();
  }

  /**
   * The same answers as over HTTP/1.1 for every kind of route, on one HTTP/2 connection: a
   * composite, NDJSON and SSE server streams, a client stream, a backend error and a gateway error.
   */
  private void everyRouteKindIsServed() throws Exception {
    HttpResponse<String> composite = get("/v1/quick-pair");
    HttpResponse<String> ndjson = get("/v1/count/3");
    HttpResponse<String> sse = client.send(
        request("/v1/count/2").header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> sum = client.send(request("/v1/sum")
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> failed = client.send(request("/v1/fail")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":5,\"message\":\"no such book\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing = get("/v1/nothing");

    for (HttpResponse<String> response : List.of(composite, ndjson, sse, sum, failed, missing)) {
      assertThat(response.version()).as(response.uri().toString())
          .isEqualTo(HttpClient.Version.HTTP_2);
    }
    assertThat(Http.json(composite.body()).get("a").get("text").asText()).isEqualTo("a");
    assertThat(ndjson.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(ndjson.body().lines().filter(line -> line.startsWith("{")).count()).isEqualTo(3);
    assertThat(sse.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    assertThat(sse.body().lines().filter(line -> line.startsWith("data: {")).count())
        .isEqualTo(2);
    assertThat(sum.statusCode()).as(sum.body()).isEqualTo(200);
    assertThat(sum.body()).contains("sum 6 count 3");
    assertThat(failed.statusCode()).isEqualTo(404);
    assertThat(Http.json(failed.body()).get("message").asText()).isEqualTo("no such book");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Http.json(missing.body()).get("message").asText())
        .isEqualTo("no route for GET /v1/nothing");
  }

  @Test
  void everyRouteKindIsServedOverH2c() throws Exception {
    gateway(false);

    everyRouteKindIsServed();
  }

  @Test
  void everyRouteKindIsServedOverTlsWithAlpn() throws Exception {
    gateway(true);

    everyRouteKindIsServed();
  }

  @Test
  void compositesAndLongStreamsAreServedOverHttp2() throws Exception {
    gateway(false);

    HttpResponse<String> composite = get("/v1/quick-pair");
    // 300 messages of ~1 KB: more than the 64 KiB stream window, so flow control takes turns.
    HttpResponse<String> stream = get("/v1/count/300?pad=1000");

    assertThat(composite.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(Http.json(composite.body()).get("b").get("text").asText()).isEqualTo("b");
    assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body().lines().filter(line -> line.startsWith("{")).count()).isEqualTo(300);
    assertThat(stream.body().lines().reduce((a, b) -> b).orElseThrow()).contains("\"text\":\"299");
  }

  @Test
  void resetOfACompositeCancelsEveryCall() throws Exception {
    gateway(false);

    CompletableFuture<HttpResponse<String>> response = client.sendAsync(
        request("/v1/slow-pair").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(java.util.List.of(echo.service().slowStarted.poll(20, TimeUnit.SECONDS),
        echo.service().slowStarted.poll(20, TimeUnit.SECONDS)))
        .containsExactlyInAnyOrder("pair-a", "pair-b");
    assertThat(response.cancel(true)).isTrue();

    assertThat(java.util.List.of(echo.service().slowCancelled.poll(20, TimeUnit.SECONDS),
        echo.service().slowCancelled.poll(20, TimeUnit.SECONDS)))
        .containsExactlyInAnyOrder("pair-a", "pair-b");
    assertStillServing();
    assertThat(Http.json(get("/v1/echo/x").body()).get("text").asText()).isEqualTo("x");
  }
}
