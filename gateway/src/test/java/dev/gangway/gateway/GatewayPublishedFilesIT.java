package dev.gangway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gangway.gateway.testing.AccessConfigs;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.SyntheticApi;
import dev.gangway.gateway.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published files (OpenAPI documents) kept compressed, over real HTTP: a client that accepts
 * gzip gets the kept bytes with {@code Content-Encoding: gzip}, any other the same content
 * inflated while it is sent, with the right {@code Content-Length} either way; each
 * representation has its own entity tag and either answers {@code If-None-Match}; HEAD sends the
 * headers of the representation GET would send. The API is big enough (3,000 operations, a JSON
 * document of several megabytes) that sending it fills the socket, so the inflating sender has to
 * wait for the socket and resume; over HTTP/2 (h2c) it waits on the stream instead.
 */
class GatewayPublishedFilesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SERVICES = 300;
  private static final int METHODS = 10;

  @RegisterExtension final TestServers servers = new TestServers();
  @TempDir Path dir;

  private GatewayServer gateway;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    Path set = SyntheticApi.write(dir.resolve("api.binpb"), "published.big", SERVICES, METHODS);
    Path config = Files.writeString(dir.resolve("gangway.yaml"), String.join("\n",
        "server: {bind: 127.0.0.1, port: 0, h2c: true}",
        "admin: {bind: 127.0.0.1, port: 0}",
        "descriptors: {paths: ['" + set + "']}",
        "backends:",
        "  - {name: all, services: ['*'], target: '127.0.0.1:1'}",
        ""));
    gateway = servers.own(GatewayServer.start(AccessConfigs.source(config)));
    http = new Http(gateway.httpPort());
  }

  private HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder request = http.request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] gzipped) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }

  @Test
  void aClientThatAcceptsGzipGetsTheSameDocumentCompressed() throws Exception {
    HttpResponse<byte[]> plain = get("/openapi.json");
    HttpResponse<byte[]> gzipped = get("/openapi.json", "Accept-Encoding", "br, gzip;q=0.5");

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(plain.body().length));
    assertThat(plain.body().length).as("more than the sockets hold").isGreaterThan(2 << 20);
    JsonNode doc = JSON.readTree(plain.body());
    assertThat(doc.get("paths").size()).isEqualTo(SERVICES * METHODS);
    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(gzipped.body().length));
    assertThat(gzipped.body().length).isLessThan(plain.body().length / 5);
    assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
    assertThat(plain.headers().allValues("Vary")).containsExactly("Accept-Encoding");
    assertThat(gzipped.headers().allValues("Vary")).containsExactly("Accept-Encoding");
  }

  @Test
  void gzipRefusedByWeightZeroOrUnnamedGetsTheContentInflated() throws Exception {
    byte[] plain = get("/openapi.json").body();

    for (String acceptEncoding : new String[] {"gzip;q=0", "br", "identity", "*;q=0", "gzip; q=0.000",
        "x-gzip;q=0, *"}) {
      HttpResponse<byte[]> response = get("/openapi.json", "Accept-Encoding", acceptEncoding);

      assertThat(response.headers().firstValue("Content-Encoding")).as(acceptEncoding).isEmpty();
      assertThat(response.body()).as(acceptEncoding).isEqualTo(plain);
    }
    for (String acceptEncoding : new String[] {"*", "GZIP", "x-gzip", "deflate, gzip;q=1.0"}) {
      HttpResponse<byte[]> response = get("/openapi.yaml", "Accept-Encoding", acceptEncoding);

      assertThat(response.headers().firstValue("Content-Encoding")).as(acceptEncoding)
          .hasValue("gzip");
      assertThat(new String(gunzip(response.body()), StandardCharsets.UTF_8)).as(acceptEncoding)
          .startsWith("---\nopenapi: \"3.1.0\"");
    }
  }

  @Test
  void eachRepresentationHasItsOwnTagAndEitherTagAnswers304() {
    HttpResponse<byte[]> plain = get("/openapi.json");
    HttpResponse<byte[]> gzipped = get("/openapi.json", "Accept-Encoding", "gzip");
    String plainTag = plain.headers().firstValue("ETag").orElseThrow();
    String gzipTag = gzipped.headers().firstValue("ETag").orElseThrow();

    assertThat(gzipTag).isNotEqualTo(plainTag).startsWith(plainTag.substring(0,
        plainTag.length() - 1)).endsWith("-gzip\"");
    HttpResponse<byte[]> gzipAgain =
        get("/openapi.json", "Accept-Encoding", "gzip", "If-None-Match", gzipTag);
    HttpResponse<byte[]> plainAgain = get("/openapi.json", "If-None-Match", plainTag);
    HttpResponse<byte[]> crossed = get("/openapi.json", "If-None-Match", gzipTag);
    HttpResponse<byte[]> other = get("/openapi.json", "If-None-Match", "\"0123\"");
    assertThat(gzipAgain.statusCode()).isEqualTo(304);
    assertThat(gzipAgain.headers().firstValue("ETag")).hasValue(gzipTag);
    assertThat(gzipAgain.body()).isEmpty();
    assertThat(plainAgain.statusCode()).isEqualTo(304);
    assertThat(crossed.statusCode()).isEqualTo(304);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(plain.body());
  }

  @Test
  void headSendsTheHeadersOfTheRepresentationGetWouldSend() {
    HttpResponse<byte[]> plain = get("/openapi.json");
    HttpResponse<byte[]> gzipped = get("/openapi.json", "Accept-Encoding", "gzip");

    HttpResponse<byte[]> headPlain = http.send(http.request("/openapi.json")
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> headGzip = http.send(http.request("/openapi.json")
        .header("Accept-Encoding", "gzip")
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(headPlain.statusCode()).isEqualTo(200);
    assertThat(headPlain.body()).isEmpty();
    assertThat(headPlain.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(plain.body().length));
    assertThat(headPlain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(headGzip.body()).isEmpty();
    assertThat(headGzip.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(gzipped.body().length));
    assertThat(headGzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(headGzip.headers().firstValue("ETag"))
        .isEqualTo(gzipped.headers().firstValue("ETag"));
  }

  /**
   * A client that reads nothing until the server has filled the socket, then reads it all: the
   * inflating sender stops when the socket is full and resumes when it drains, and the next
   * request on the same connection is answered after the whole body.
   */
  @Test
  void aSlowReaderGetsTheWholeInflatedBodyAndTheConnectionStaysUsable() throws Exception {
    byte[] expected = get("/openapi.json").body();

    try (Socket socket = new Socket("127.0.0.1", gateway.httpPort())) {
      socket.setReceiveBufferSize(16 * 1024);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String request = "GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      out.write((request + request).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(300); // not a timing assertion: lets the server run into a full socket
      InputStream in = socket.getInputStream();

      for (int i = 0; i < 2; i++) {
        int length = -1;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
          if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        assertThat(length).isEqualTo(expected.length);
        assertThat(in.readNBytes(length)).isEqualTo(expected);
      }
    }
  }

  /**
   * Over HTTP/2 the inflating sender writes into a stream, not the socket: a java.net.http client
   * gets the whole inflated document and the gzip one multiplexed on one connection, and curl
   * reading at a limited rate (its stream window or the socket shut most of the time, so the
   * sender waits on the stream and resumes) gets the same bytes.
   */
  @Test
  void overHttp2TheInflatedAndTheGzipDocumentArriveWholeOnOneConnection() throws Exception {
    byte[] expected = get("/openapi.json").body();
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(10)).build();
    URI uri = URI.create("http://127.0.0.1:" + gateway.httpPort() + "/openapi.json");
    h2.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
        + "/healthz")).build(), HttpResponse.BodyHandlers.discarding()); // upgrades to h2c

    var plain = h2.sendAsync(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    var gzipped = h2.sendAsync(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip")
        .build(), HttpResponse.BodyHandlers.ofByteArray());

    HttpResponse<byte[]> inflated = plain.get(60, TimeUnit.SECONDS);
    HttpResponse<byte[]> kept = gzipped.get(60, TimeUnit.SECONDS);
    assertThat(inflated.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(inflated.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(inflated.body()).isEqualTo(expected);
    assertThat(kept.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(kept.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(kept.body())).isEqualTo(expected);

    Path slow = dir.resolve("slow.json");
    List<String> curl = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60",
        "--http2-prior-knowledge", "--limit-rate", "4M", "-o", slow.toString(),
        "-w", "%{http_version} %{http_code}", uri.toString()));
    Process process = new ProcessBuilder(curl).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(70, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo("2 200");
    assertThat(Files.readAllBytes(slow)).isEqualTo(expected);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed inside a response head");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
