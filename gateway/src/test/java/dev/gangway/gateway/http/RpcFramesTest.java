package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.transcoder.errors.TranscodingException;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The request frames and base64 of gRPC-Web and Connect, and how a request is recognised. */
class RpcFramesTest {

  @Test
  void singleFrameRoundTrips() throws TranscodingException {
    byte[] payload = "message".getBytes(StandardCharsets.UTF_8);

    assertThat(RpcFrames.single(RpcFrames.frame(0, payload))).isEqualTo(payload);
    assertThat(RpcFrames.single(RpcFrames.frame(0, new byte[0]))).isEmpty();
  }

  @Test
  void rejectsAnEmptyBodyATruncatedHeaderAndAnUnknownFlag() {
    assertThatThrownBy(() -> RpcFrames.single(new byte[0]))
        .hasMessage("request body: empty; expected one length-prefixed message frame");
    assertThatThrownBy(() -> RpcFrames.single(new byte[] {0, 0, 0}))
        .hasMessage("request body: frame header at byte 0 is cut short (3 of 5 bytes)");
    assertThatThrownBy(() -> RpcFrames.single(RpcFrames.frame(0x80, new byte[0])))
        .hasMessage("request body: frame at byte 0 has flags 0x80; expected a message (0)");
    assertThatThrownBy(() -> RpcFrames.single(RpcFrames.frame(1, new byte[0])))
        .isInstanceOfSatisfying(TranscodingException.class,
            e -> assertThat(e.httpStatus()).isEqualTo(501));
  }

  @Test
  void aLengthBeyondTheBodyIsRefusedWithoutAllocatingIt() {
    byte[] lying = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    assertThatThrownBy(() -> RpcFrames.single(lying))
        .hasMessage("request body: frame at byte 0 declares 2147483647 bytes but 0 follow");
  }

  @Test
  void base64InSeparatelyPaddedPiecesDecodesLikeTheWhole() throws TranscodingException {
    Random random = new Random(42);
    for (int n = 0; n < 200; n++) {
      byte[] data = new byte[random.nextInt(64)];
      random.nextBytes(data);
      int cut = data.length == 0 ? 0 : random.nextInt(data.length);
      String pieces = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(data, cut))
          + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, cut, data.length));

      assertThat(Base64Chunks.decode(pieces.getBytes(StandardCharsets.US_ASCII)))
          .as(pieces).isEqualTo(data);
    }
  }

  @Test
  void badBase64NamesTheOffset() {
    assertThatThrownBy(() -> Base64Chunks.decode("QUJD\nQUJD".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("request body: not base64 (grpc-web-text): length 9 is not a multiple of 4");
    assertThatThrownBy(() -> Base64Chunks.decode("QUJDQU-D".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("request body: not base64 (grpc-web-text): unexpected character at byte 6");
  }

  private static RpcWire wire(String contentType, boolean connectHeader) {
    HeaderMap headers = new HeaderMap();
    headers.put(Headers.CONTENT_TYPE, contentType);
    if (connectHeader) {
      headers.put(RpcWire.CONNECT_PROTOCOL_VERSION, "1");
    }
    return RpcWire.of(headers).orElse(null);
  }

  @Test
  void recognisesTheProtocolsByContentTypeAndPlainJsonStaysRest() {
    assertThat(wire("application/grpc-web", false)).isEqualTo(RpcWire.GRPC_WEB);
    assertThat(wire("Application/GRPC-Web+proto; charset=utf-8", false)).isEqualTo(RpcWire.GRPC_WEB);
    assertThat(wire("application/grpc-web-text", false)).isEqualTo(RpcWire.GRPC_WEB_TEXT);
    assertThat(wire("application/proto", false)).isEqualTo(RpcWire.CONNECT_PROTO);
    assertThat(wire("application/connect+json", false)).isEqualTo(RpcWire.CONNECT_STREAM_JSON);
    assertThat(wire("application/json; charset=utf-8", true)).isEqualTo(RpcWire.CONNECT_JSON);
    assertThat(wire("application/json", false)).isNull();
    assertThat(wire("application/grpc-web+json", false)).isNull();
    assertThat(wire("text/plain", true)).isNull();
  }

  @Test
  void grpcMessageIsPercentEncodedAsGrpcDoes() {
    assertThat(RpcStatus.percentEncode("100% déjà\n")).isEqualTo("100%25 d%C3%A9j%C3%A0%0A");
  }

  @Test
  void connectSpellsCancelledWithOneL() {
    assertThat(RpcStatus.connectCode(1)).isEqualTo("canceled");
    assertThat(RpcStatus.connectCode(9)).isEqualTo("failed_precondition");
    assertThat(RpcStatus.connectCode(99)).isEqualTo("unknown");
  }
}
