package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.ChunkedResponse;
import dev.gangway.gateway.testing.CountStreams;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server-streaming google.api.HttpBody methods through a real gateway: raw chunked downloads. */
class GatewayHttpBodyTest {
  @RegisterExtension final TestServers servers = new TestServers();

  private EchoBackend echo;
  private Http http;
  private int port;

  @BeforeEach
  void start() throws Exception {
    echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(TestConfigs.config(
        TestConfigs.server(StreamFormat.JSON_ARRAY),
        List.of(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)), List.of(),
        HeadersConfig.DEFAULT));
    port = gateway.httpPort();
    http = new Http(port);
  }

  private CountStreams counts() {
    return echo.service().counts;
  }

  private static byte[] chunks(int from, int to, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      out.writeBytes(CountStreams.chunkData(i, size));
    }
    return out.toByteArray();
  }

  private HttpResponse<byte[]> getBytes(String path, String... headers) {
    var request = http.request(path).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void downloadIsTheChunksDataTypedByTheFirstContentType() {
    // Accept and the configured JSON framing do not apply to raw bytes.
    HttpResponse<byte[]> response = getBytes("/v1/download?chunks=5&size=1000&contentType=image/png",
        "Accept", "application/x-ndjson");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(response.body()).isEqualTo(chunks(0, 5, 1000));
  }

  @Test
  void emptyContentTypeIsOctetStream() {
    HttpResponse<byte[]> response = getBytes("/v1/download?chunks=2&size=10");

    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(response.body()).isEqualTo(chunks(0, 2, 10));
  }

  @Test
  void streamOfNoMessagesIsAnEmptyOctetStream() {
    HttpResponse<byte[]> response = getBytes("/v1/download?chunks=0&contentType=text/plain");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void responseBodySelectingAnHttpBodyFieldIsRawToo() {
    HttpResponse<byte[]> response =
        getBytes("/v1/download-chunks?chunks=3&size=100&contentType=text/csv");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv");
    assertThat(response.body()).isEqualTo(chunks(0, 3, 100));
  }

  @Test
  void chunksArriveAsTheBackendSendsThem() throws Exception {
    HttpResponse<InputStream> response = http.send(
        http.request("/v1/download?chunks=3&size=500&tag=paced&pause=true").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      // The backend holds chunks 1 and 2 until released: chunk 0 must arrive on its own.
      assertThat(body.readNBytes(500)).isEqualTo(CountStreams.chunkData(0, 500));
      assertThat(counts().sent("paced")).isEqualTo(1);

      counts().release("paced");

      assertThat(body.readAllBytes()).isEqualTo(chunks(1, 3, 500));
    }
  }

  @Test
  void errorBeforeTheFirstChunkIsANormalJsonErrorResponse() {
    HttpResponse<String> response = http.get("/v1/download?chunks=3&size=10&failCode=5&failAfter=0");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Http.json(response.body()).get("message").asText())
        .isEqualTo("failed after 0 messages");
  }

  @Test
  void errorAfterTheFirstChunkCutsTheBodyShort() throws Exception {
    try (Socket socket = get("/v1/download?chunks=4&size=300&failCode=14&failAfter=2")) {
      ChunkedResponse response = ChunkedResponse.read(socket.getInputStream());

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.data()).isEqualTo(chunks(0, 2, 300));
      assertThat(response.complete()).as("terminating chunk").isFalse();
    }
  }

  @Test
  void clientDisconnectCancelsTheDownload() throws Exception {
    try (Socket socket = get("/v1/download?chunks=3&size=100&tag=gone&pause=true")) {
      InputStream in = socket.getInputStream();
      ChunkedResponse.readHead(in);
      assertThat(ChunkedResponse.readChunk(in)).isEqualTo(CountStreams.chunkData(0, 100));
    }

    assertThat(counts().cancelled.poll(20, TimeUnit.SECONDS)).isEqualTo("gone");
  }

  private Socket get(String path) throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    return socket;
  }
}
