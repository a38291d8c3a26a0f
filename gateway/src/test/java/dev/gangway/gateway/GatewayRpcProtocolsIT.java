package dev.gangway.gateway;

import static dev.gangway.gateway.testing.TestConfigs.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.gangway.gateway.gwtest.v1.CountRequest;
import dev.gangway.gateway.gwtest.v1.EchoRequest;
import dev.gangway.gateway.gwtest.v1.EchoResponse;
import dev.gangway.gateway.gwtest.v1.FailRequest;
import dev.gangway.gateway.gwtest.v1.HeadersRequest;
import dev.gangway.gateway.gwtest.v1.SlowRequest;
import dev.gangway.gateway.testing.EchoBackend;
import dev.gangway.gateway.testing.Http;
import dev.gangway.gateway.testing.TestConfigs;
import dev.gangway.gateway.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * gRPC-Web and Connect on the gateway's HTTP port, byte by byte over a real socket against a real
 * gRPC backend: frames, trailers, errors, deadlines, metadata, and hostile bodies. The real
 * clients (connect-node, connect-web, grpc-web) are driven in {@link GatewayRpcClientsIT}.
 */
class GatewayRpcProtocolsIT {
  private static final String ECHO = "/" + ECHO_SERVICE + "/Echo";

  @RegisterExtension final TestServers servers = new TestServers();

  private Http http;

  @BeforeEach
  void start() throws Exception {
    EchoBackend echo = servers.backend("echo");
    GatewayServer gateway = servers.gateway(
        TestConfigs.config(TestConfigs.backend("echo", echo.target(), ECHO_SERVICE)));
    http = new Http(gateway.httpPort());
  }

  /** One response frame: flags and payload. */
  record Frame(int flags, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  static byte[] frame(int flags, byte[] payload) {
    ByteBuffer out = ByteBuffer.allocate(5 + payload.length);
    out.put((byte) flags).putInt(payload.length).put(payload);
    return out.array();
  }

  static List<Frame> frames(byte[] body) {
    List<Frame> frames = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(body);
    while (in.hasRemaining()) {
      int flags = in.get() & 0xff;
      byte[] payload = new byte[in.getInt()];
      in.get(payload);
      frames.add(new Frame(flags, payload));
    }
    return frames;
  }

  /** A gRPC-Web trailers frame as a map (lower-case names). */
  static Map<String, String> trailers(Frame frame) {
    assertThat(frame.flags()).isEqualTo(0x80);
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : frame.text().split("\r\n")) {
      int colon = line.indexOf(':');
      out.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return out;
  }

  private HttpResponse<byte[]> post(String path, String contentType, byte[] body,
      String... headers) {
    HttpRequest.Builder request = http.request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] echo(String text) {
    return EchoRequest.newBuilder().setText(text).build().toByteArray();
  }

  @Test
  void grpcWebUnaryAnswersAMessageFrameThenTrailers() throws Exception {
    HttpResponse<byte[]> response = post(ECHO, "application/grpc-web+proto", frame(0, echo("hi")),
        "X-Grpc-Web", "1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/grpc-web+proto");
    List<Frame> frames = frames(response.body());
    assertThat(frames).hasSize(2);
    assertThat(EchoResponse.parseFrom(frames.get(0).payload()).getText()).isEqualTo("hi");
    assertThat(trailers(frames.get(1))).containsEntry("grpc-status", "0");
  }

  @Test
  void grpcWebTextTakesSeparatelyPaddedBase64ChunksAndAnswersBase64() throws Exception {
    byte[] request = frame(0, echo("chunks"));
    // Split the frame so that the first piece is padded: clients encode each write alone.
    String body = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(request, 4))
        + Base64.getEncoder().encodeToString(
            java.util.Arrays.copyOfRange(request, 4, request.length));
    assertThat(body.indexOf('=')).isLessThan(body.length() - 2);

    HttpResponse<byte[]> response = post(ECHO, "application/grpc-web-text",
        body.getBytes(StandardCharsets.US_ASCII));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/grpc-web-text+proto");
    List<Frame> frames = frames(decodeChunks(response.body()));
    assertThat(EchoResponse.parseFrom(frames.get(0).payload()).getText()).isEqualTo("chunks");
    assertThat(trailers(frames.get(1))).containsEntry("grpc-status", "0");
  }

  /** Base64 written in padded pieces, as a grpc-web-text response is. */
  private static byte[] decodeChunks(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String s = new String(text, StandardCharsets.US_ASCII);
    int start = 0;
    for (int i = 0; i < s.length(); i += 4) {
      if (s.charAt(i + 3) == '=' || i + 4 == s.length()) {
        out.writeBytes(Base64.getDecoder().decode(s.substring(start, i + 4)));
        start = i + 4;
      }
    }
    return out.toByteArray();
  }

  @Test
  void grpcWebErrorCarriesCodeEncodedMessageAndDetailsInTheTrailers() throws Exception {
    byte[] fail = FailRequest.newBuilder().setCode(9).setMessage("not now: 100% busy")
        .setField("shelf").build().toByteArray();

    HttpResponse<byte[]> response =
        post("/" + ECHO_SERVICE + "/Fail", "application/grpc-web", frame(0, fail));

    assertThat(response.statusCode()).isEqualTo(200);
    List<Frame> frames = frames(response.body());
    assertThat(frames).hasSize(1);
    Map<String, String> trailers = trailers(frames.get(0));
    assertThat(trailers).containsEntry("grpc-status", "9")
        .containsEntry("grpc-message", "not now: 100%25 busy");
    com.google.rpc.Status details = com.google.rpc.Status.parseFrom(
        Base64.getDecoder().decode(trailers.get("grpc-status-details-bin")));
    assertThat(details.getDetails(0).unpack(BadRequest.class).getFieldViolations(0).getField())
        .isEqualTo("shelf");
  }

  @Test
  void grpcWebServerStreamFramesEachMessage() throws Exception {
    byte[] count = CountRequest.newBuilder().setN(3).build().toByteArray();

    HttpResponse<byte[]> response =
        post("/" + ECHO_SERVICE + "/Count", "application/grpc-web+proto", frame(0, count));

    List<Frame> frames = frames(response.body());
    assertThat(frames).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(frames.get(i).flags()).isZero();
      assertThat(EchoResponse.parseFrom(frames.get(i).payload()).getText()).isNotEmpty();
    }
    assertThat(trailers(frames.get(3))).containsEntry("grpc-status", "0");
  }

  @Test
  void grpcWebPassesBackendHeadersAndTrailers() throws Exception {
    byte[] request = HeadersRequest.newBuilder().setEcho("x").build().toByteArray();

    HttpResponse<byte[]> response = post("/" + ECHO_SERVICE + "/Headers",
        "application/grpc-web+proto", frame(0, request), "X-Custom", "v");

    assertThat(response.headers().firstValue("x-echo-header")).hasValue("header-x");
    List<Frame> frames = frames(response.body());
    assertThat(trailers(frames.get(frames.size() - 1))).containsEntry("x-echo-trailer", "trailer-x");
  }

  @Test
  void connectUnaryProtoAndJson() throws Exception {
    HttpResponse<byte[]> proto = post(ECHO, "application/proto", echo("bare"),
        "Connect-Protocol-Version", "1");
    assertThat(proto.statusCode()).isEqualTo(200);
    assertThat(proto.headers().firstValue("content-type")).hasValue("application/proto");
    assertThat(EchoResponse.parseFrom(proto.body()).getText()).isEqualTo("bare");

    HttpResponse<byte[]> json = post(ECHO, "application/json",
        "{\"text\":\"jay\"}".getBytes(StandardCharsets.UTF_8), "Connect-Protocol-Version", "1");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(Http.json(new String(json.body(), StandardCharsets.UTF_8)).get("text").asText())
        .isEqualTo("jay");
  }

  @Test
  void connectUnaryErrorIsTheTablesHttpStatusWithConnectErrorJson() throws Exception {
    byte[] fail = FailRequest.newBuilder().setCode(5).setMessage("no such shelf")
        .setField("name").build().toByteArray();

    HttpResponse<byte[]> response = post("/" + ECHO_SERVICE + "/Fail", "application/proto", fail,
        "Connect-Protocol-Version", "1");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode error = Http.json(new String(response.body(), StandardCharsets.UTF_8));
    assertThat(error.get("code").asText()).isEqualTo("not_found");
    assertThat(error.get("message").asText()).isEqualTo("no such shelf");
    JsonNode detail = error.get("details").get(0);
    assertThat(detail.get("type").asText()).isEqualTo("google.rpc.BadRequest");
    assertThat(BadRequest.parseFrom(Base64.getDecoder().decode(detail.get("value").asText()))
        .getFieldViolations(0).getField()).isEqualTo("name");
  }

  @Test
  void connectUnaryTrailersArePrefixedHeaders() {
    byte[] request = HeadersRequest.newBuilder().setEcho("t").build().toByteArray();

    HttpResponse<byte[]> response = post("/" + ECHO_SERVICE + "/Headers", "application/proto",
        request, "Connect-Protocol-Version", "1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-echo-header")).hasValue("header-t");
    assertThat(response.headers().firstValue("trailer-x-echo-trailer")).hasValue("trailer-t");
  }

  @Test
  void connectServerStreamEndsWithAnEndStreamMessage() throws Exception {
    byte[] count = CountRequest.newBuilder().setN(2).setFailCode(10).setFailAfter(2).build()
        .toByteArray();

    HttpResponse<byte[]> response = post("/" + ECHO_SERVICE + "/Count",
        "application/connect+proto", frame(0, count), "Connect-Protocol-Version", "1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/connect+proto");
    List<Frame> frames = frames(response.body());
    assertThat(frames).hasSize(3);
    assertThat(frames.get(0).flags()).isZero();
    assertThat(frames.get(2).flags()).isEqualTo(0x02);
    assertThat(Http.json(frames.get(2).text()).get("error").get("code").asText())
        .isEqualTo("aborted");
  }

  @Test
  void connectStreamJsonFramesJsonMessages() {
    HttpResponse<byte[]> response = post("/" + ECHO_SERVICE + "/Count",
        "application/connect+json", frame(0, "{\"n\":1}".getBytes(StandardCharsets.UTF_8)));

    List<Frame> frames = frames(response.body());
    assertThat(Http.json(frames.get(0).text()).get("text").asText()).isNotEmpty();
    assertThat(frames.get(1).text()).isEqualTo("{}");
  }

  @Test
  void deadlinesFromGrpcTimeoutAndConnectTimeoutMs() {
    byte[] slow = SlowRequest.newBuilder().setDelayMs(10_000).setTag("d").build().toByteArray();

    HttpResponse<byte[]> grpcWeb = post("/" + ECHO_SERVICE + "/Slow", "application/grpc-web",
        frame(0, slow), "grpc-timeout", "200m");
    assertThat(trailers(frames(grpcWeb.body()).get(0))).containsEntry("grpc-status", "4");

    HttpResponse<byte[]> connect = post("/" + ECHO_SERVICE + "/Slow", "application/proto", slow,
        "Connect-Timeout-Ms", "200");
    assertThat(connect.statusCode()).isEqualTo(504);
    assertThat(Http.json(new String(connect.body(), StandardCharsets.UTF_8)).get("code").asText())
        .isEqualTo("deadline_exceeded");

    HttpResponse<byte[]> bad = post("/" + ECHO_SERVICE + "/Slow", "application/proto", slow,
        "Connect-Timeout-Ms", "soon");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Http.json(new String(bad.body(), StandardCharsets.UTF_8)).get("message").asText())
        .isEqualTo("header connect-timeout-ms: \"soon\" is not a Connect timeout (1 to 10 digits,"
            + " milliseconds)");
  }

  /** The trailers of a gRPC-Web answer to {@code body}: status and message. */
  private Map<String, String> grpcWebRefusal(String path, String contentType, byte[] body) {
    HttpResponse<byte[]> response = post(path, contentType, body);
    assertThat(response.statusCode()).isEqualTo(200);
    List<Frame> frames = frames(contentType.contains("-text")
        ? decodeChunks(response.body()) : response.body());
    assertThat(frames).hasSize(1);
    return trailers(frames.get(0));
  }

  @Test
  void hostileFramesGetInvalidArgumentNamingTheByte() {
    byte[] whole = frame(0, echo("x"));
    assertThat(grpcWebRefusal(ECHO, "application/grpc-web",
        java.util.Arrays.copyOf(whole, whole.length - 1)))
        .containsEntry("grpc-status", "3")
        .containsEntry("grpc-message", "request body: frame at byte 0 declares 3 bytes but 2 follow");
    assertThat(grpcWebRefusal(ECHO, "application/grpc-web", new byte[] {0, 0}))
        .containsEntry("grpc-message",
            "request body: frame header at byte 0 is cut short (2 of 5 bytes)");
    byte[] huge = {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};
    assertThat(grpcWebRefusal(ECHO, "application/grpc-web", huge))
        .containsEntry("grpc-message",
            "request body: frame at byte 0 declares 4294967295 bytes but 1 follow");
    byte[] two = new byte[whole.length * 2];
    System.arraycopy(whole, 0, two, 0, whole.length);
    System.arraycopy(whole, 0, two, whole.length, whole.length);
    assertThat(grpcWebRefusal(ECHO, "application/grpc-web", two))
        .containsEntry("grpc-message",
            "request body: bytes after the message frame (at byte 8); expected exactly one message");
    assertThat(grpcWebRefusal(ECHO, "application/grpc-web", frame(1, echo("x"))))
        .containsEntry("grpc-status", "12");
    assertThat(grpcWebRefusal(ECHO, "application/grpc-web-text",
        "AAAA*AAA".getBytes(StandardCharsets.US_ASCII)))
        .containsEntry("grpc-status", "3")
        .containsEntry("grpc-message",
            "request body: not base64 (grpc-web-text): unexpected character at byte 4");
    // Protobuf bytes pass through unparsed: the backend refuses what it cannot parse.
    assertThat(grpcWebRefusal(ECHO, "application/grpc-web", frame(0, new byte[] {(byte) 0xff}))
        .get("grpc-status")).isNotEqualTo("0");
  }

  @Test
  void unknownMethodsAndClientStreamsAreUnimplemented() {
    assertThat(grpcWebRefusal("/" + ECHO_SERVICE + "/Nope", "application/grpc-web",
        frame(0, new byte[0])))
        .containsEntry("grpc-status", "12")
        .containsEntry("grpc-message",
            "unknown method /gangway.gwtest.v1.EchoService/Nope (no loaded service has it)");
    assertThat(grpcWebRefusal("/" + ECHO_SERVICE + "/Sum", "application/grpc-web",
        frame(0, new byte[0])))
        .containsEntry("grpc-status", "12");
  }

  @Test
  void connectJsonBodyErrorsNameTheField() {
    HttpResponse<byte[]> response = post(ECHO, "application/json",
        "{\"text\": 5}".getBytes(StandardCharsets.UTF_8), "Connect-Protocol-Version", "1");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = Http.json(new String(response.body(), StandardCharsets.UTF_8));
    assertThat(error.get("code").asText()).isEqualTo("invalid_argument");
    assertThat(error.get("message").asText()).contains("text");
  }

  @Test
  void restJsonWithoutTheConnectHeaderStillReachesTheRestRoute() {
    HttpResponse<String> response = http.post(ECHO, "{\"text\":\"rest\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response.body()).get("text").asText()).isEqualTo("rest");
  }

  @Test
  void aPreflightShapedRequestSeesPostAllowed() {
    HttpResponse<String> response = http.send(http.request("/" + ECHO_SERVICE + "/List")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("allow")).hasValue("POST");
  }

  static EchoResponse parse(byte[] bytes) throws InvalidProtocolBufferException {
    return EchoResponse.parseFrom(bytes);
  }
}
