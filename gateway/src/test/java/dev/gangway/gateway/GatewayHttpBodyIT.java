package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.HeadersConfig;
import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import dev.gangway.gateway.testing.Await;
import dev.gangway.gateway.testing.ChunkedPost;
import dev.gangway.gateway.testing.ChunkedResponse;
import dev.gangway.gateway.testing.CountStreams;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.RawHttp;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import dev.gangway.gateway.testing.UploadStreams;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * google.api.HttpBody streams through a real gateway: raw chunked downloads (server streaming)
 * and raw uploads (client streaming).
 */
class GatewayHttpBodyIT {
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
    HttpResponse<byte[]> response = getBytes(
        "/v1/download?chunks=5&size=1000&contentType=image/png", "Accept", "application/x-ndjson");

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
    HttpResponse<String> response =
        http.get("/v1/download?chunks=3&size=10&failCode=5&failAfter=0");

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

  private UploadStreams uploads() {
    return echo.service().uploads;
  }

  private static byte[] pattern(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 7 + i / 251);
    }
    return data;
  }

  private static long crc(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return crc.getValue();
  }

  @Test
  void uploadSendsTheBodyAsMessagesOfAtMost64KiB() throws Exception {
    byte[] body = pattern(3 << 20); // a stream as a whole has no size limit (Undertow's is 2 MiB)

    HttpResponse<String> response = http.send(http.request("/v1/upload")
        .header("Content-Type", "application/pdf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    UploadStreams.Upload upload = uploads().completed.poll(20, TimeUnit.SECONDS);
    assertThat(upload.bytes()).isEqualTo(body.length);
    assertThat(upload.crc()).isEqualTo(crc(body));
    assertThat(upload.contentTypes()).containsExactly("application/pdf");
    assertThat(upload.messageSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 65536));
    assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("messages="
        + upload.messageSizes().size() + " bytes=3145728 types=application/pdf crc=" + crc(body));
  }

  @Test
  void uploadedBytesReachTheBackendBeforeTheBodyEnds() throws Exception {
    try (ChunkedPost post = new ChunkedPost(port, "/v1/upload", "text/plain")) {
      post.write(pattern(1000));
      Await.until("the first piece at the backend", () -> uploads().bytesReceived.get() == 1000,
          () -> uploads().bytesReceived.get());
      post.write(pattern(500));

      RawHttp.Response response = post.finish();

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(uploads().completed.poll(20, TimeUnit.SECONDS).messageSizes())
          .containsExactly(1000, 500);
    }
  }

  @Test
  void anyContentTypeOrNoneIsTaken() throws Exception {
    try (ChunkedPost post = new ChunkedPost(port, "/v1/upload", null)) {
      post.write("plain words");

      RawHttp.Response response = post.finish();

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(uploads().completed.poll(20, TimeUnit.SECONDS).contentTypes())
          .containsExactly("");
    }
  }

  @Test
  void emptyUploadIsAStreamOfNoMessages() {
    HttpResponse<String> response = http.send(http.request("/v1/upload")
        .header("Content-Type", "image/png")
        .POST(HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Http.json(response.body()).get("text").asText())
        .isEqualTo("messages=0 bytes=0 types= crc=0");
  }

  @Test
  void uploadToAnHttpBodyFieldBindsThePathIntoEveryMessage() throws Exception {
    try (ChunkedPost post = new ChunkedPost(port, "/v1/upload/report.csv", "text/csv")) {
      post.write("a,b\n");
      Await.until("the first piece at the backend", () -> uploads().bytesReceived.get() == 4,
          () -> uploads().bytesReceived.get());
      post.write("1,2\n");
      post.write("3,4\n");

      RawHttp.Response response = post.finish();

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(Http.json(response.body()).get("text").asText()).isEqualTo(
          "names=report.csv messages=3 bytes=12 types=text/csv crc=" + crc(
              "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void queryStringOnAWholeHttpBodyUploadIs400NamingTheMessage() {
    HttpResponse<String> response = http.send(http.request("/v1/upload?name=x")
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("data")).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(Http.json(response.body()).get("message").asText()).startsWith("message 1: ");
  }

  @Test
  void clientThatGoesAwayMidUploadCancelsTheCall() throws Exception {
    ChunkedPost post = new ChunkedPost(port, "/v1/upload", "application/octet-stream");
    post.write(pattern(100));
    Await.until("the piece at the backend", () -> uploads().bytesReceived.get() == 100,
        () -> uploads().bytesReceived.get());

    post.close();

    Await.until("the upload cancelled", () -> uploads().cancelled.get() == 1,
        () -> uploads().cancelled.get());
  }
}
