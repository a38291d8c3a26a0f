package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.gateway.config.ServerConfig.StreamFormat;
import dev.gangway.transcoder.render.RenderedBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFramingTest {
  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptHeaderChoosesSseOrNdjsonOverTheConfiguredFormat() {
    assertThat(StreamFraming.choose("text/event-stream", StreamFormat.JSON_ARRAY))
        .isEqualTo(StreamFraming.SSE);
    assertThat(StreamFraming.choose("application/json, Application/X-NDJSON;q=0.5",
        StreamFormat.JSON_ARRAY)).isEqualTo(StreamFraming.NDJSON);
  }

  @Test
  void otherAcceptHeadersGetTheConfiguredFormat() {
    assertThat(StreamFraming.choose(null, StreamFormat.JSON_ARRAY))
        .isEqualTo(StreamFraming.JSON_ARRAY);
    assertThat(StreamFraming.choose("*/*", StreamFormat.NDJSON)).isEqualTo(StreamFraming.NDJSON);
    assertThat(StreamFraming.choose("application/json", StreamFormat.NDJSON))
        .isEqualTo(StreamFraming.NDJSON);
  }

  @Test
  void jsonArrayOpensWithTheFirstMessageAndClosesAfterTheLast() {
    StreamFraming array = StreamFraming.JSON_ARRAY;

    assertThat(text(array.message(bytes("{\"a\":1}"), true))).isEqualTo("[{\"a\":1}");
    assertThat(text(array.message(bytes("{\"a\":2}"), false))).isEqualTo(",{\"a\":2}");
    assertThat(text(array.end(false))).isEqualTo("]");
    assertThat(text(array.end(true))).isEqualTo("[]");
    assertThat(text(array.error(bytes("{\"code\":4}"), false)))
        .isEqualTo(",{\"error\":{\"code\":4}}]");
  }

  @Test
  void ndjsonAndSseFrameEachMessageOnItsOwn() {
    assertThat(text(StreamFraming.NDJSON.message(bytes("{}"), true))).isEqualTo("{}\n");
    assertThat(text(StreamFraming.NDJSON.error(bytes("{\"code\":4}"), false)))
        .isEqualTo("{\"error\":{\"code\":4}}\n");
    assertThat(text(StreamFraming.SSE.message(bytes("{}"), false))).isEqualTo("data: {}\n\n");
    assertThat(text(StreamFraming.SSE.error(bytes("{\"code\":4}"), false)))
        .isEqualTo("event: error\ndata: {\"code\":4}\n\n");
    assertThat(StreamFraming.NDJSON.end(true)).isEmpty();
  }

  @Test
  void rawWritesDataAsItIsTypedByTheFirstMessage() {
    byte[] data = {0, 1, 2, (byte) 0xff};

    assertThat(StreamFraming.RAW.message(data, true)).isSameAs(data);
    assertThat(StreamFraming.RAW.contentType(new RenderedBody("image/png", data)))
        .isEqualTo("image/png");
    assertThat(StreamFraming.RAW.contentType()).isEqualTo("application/octet-stream");
    assertThat(StreamFraming.RAW.end(true)).isEmpty();
    assertThat(StreamFraming.RAW.end(false)).isEmpty();
    assertThat(StreamFraming.RAW.inBandErrors()).isFalse();
    assertThat(StreamFraming.NDJSON.inBandErrors()).isTrue();
  }
}
