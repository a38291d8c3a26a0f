package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cleartext HTTP/2 (h2c) by the HTTP/1.1 Upgrade (java.net.http) and by prior knowledge (curl),
 * for every kind of route: unary, errors, server streams, client streams, the edge limits.
 */
class GatewayHttp2Test {
  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private int port;

  @BeforeEach
  void start() throws Exception {
    echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(TestConfigs.local().h2c(true).build(),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT));
    port = gateway.httpPort();
  }

  private HttpClient h2c() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** curl over h2c with prior knowledge; returns stdout (body, then the HTTP version line). */
  private static String curl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30",
        "--http2-prior-knowledge", "-w", "\nversion=%{http_version} status=%{http_code}"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void upgradesToH2cAndServesUnaryCallsAndErrors() throws Exception {
    HttpClient client = h2c();

    HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri("/v1/echo/upgraded")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing = client.send(HttpRequest.newBuilder(uri("/v1/nothing")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> posted = client.send(HttpRequest.newBuilder(uri("/v1/echo"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"over h2\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(ok.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(Http.json(ok.body()).get("text").asText()).isEqualTo("upgraded");
    assertThat(missing.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Http.json(missing.body()).get("message").asText())
        .isEqualTo("no route for GET /v1/nothing");
    assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(Http.json(posted.body()).get("text").asText()).isEqualTo("over h2");
  }

  @Test
  void priorKnowledgeServesUnaryServerStreamsAndClientStreams() throws Exception {
    String unary = curl(uri("/v1/echo/prior").toString());
    String stream = curl(uri("/v1/count/3").toString());
    String upload = curl("-H", "Content-Type: application/x-ndjson",
        "--data-binary", "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n", uri("/v1/sum").toString());
    String tooLong = curl(uri("/v1/echo/" + "a".repeat(9000)).toString());

    assertThat(unary).contains("\"text\":\"prior\"").endsWith("version=2 status=200");
    assertThat(stream.lines().filter(l -> l.startsWith("{")).count()).isEqualTo(3);
    assertThat(stream).endsWith("version=2 status=200");
    assertThat(upload).contains("sum 6 count 3").endsWith("version=2 status=200");
    assertThat(tooLong).contains("(limits.max_url_size)").endsWith("version=2 status=414");
  }
}
