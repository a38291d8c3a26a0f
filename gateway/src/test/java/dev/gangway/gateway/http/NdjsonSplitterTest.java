package dev.gangway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TypeRegistry;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import dev.gangway.transcoder.options.JsonInputLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NDJSON and JSON-array request bodies cut into messages, whatever the network reads: every body
 * here is fed whole, byte by byte, and split at every one and every pair of positions, and must
 * give the same messages each time.
 */
class NdjsonSplitterTest {
  private static final String NDJSON =
      "{\"n\":1}\n\n  \r\n{\"text\":\"caf\u00e9\"}\r\n{\"n\":3}";
  private static final String ARRAY = "  [ {\"n\":1},\n {\"text\":\"\u00e9\"} ]\n";
  /** A codec allowing 3 entries per array, so that the limit is reached by a small body. */
  private static final CompiledCodec CODEC = new CompiledCodec(TypeRegistry.getEmptyTypeRegistry(),
      false, false, false, false, new JsonInputLimits(
          JsonInputLimits.DEFAULT.depth(),
          new JsonInputLimits.Limit(3, "limits.max_json_entries"),
          JsonInputLimits.DEFAULT.stringLength(),
          JsonInputLimits.DEFAULT.numberLength()));

  /** Records what the splitter sends or fails with. */
  private static final class Recorder implements BodySplitter.Sink {
    final List<String> events = new ArrayList<>();

    @Override
    public boolean send(String where, String contentType, byte[] body) {
      events.add(where + " " + contentType + " " + new String(body, StandardCharsets.UTF_8).trim());
      return true;
    }

    @Override
    public boolean fail(TranscodingException error) {
      events.add(error.httpStatus() + " " + error.getMessage());
      return false;
    }
  }

  /** Feeds {@code body} cut at {@code cuts} (ascending offsets), then ends it. */
  private static List<String> split(byte[] body, long limit, int... cuts) {
    NdjsonSplitter splitter = new NdjsonSplitter(limit, CODEC);
    Recorder sink = new Recorder();
    int from = 0;
    boolean open = true;
    for (int cut : cuts) {
      open = open && splitter.take(Arrays.copyOfRange(body, from, cut), sink);
      from = cut;
    }
    if (open && splitter.take(Arrays.copyOfRange(body, from, body.length), sink)) {
      splitter.end(sink);
    }
    return sink.events;
  }

  /** The messages of {@code body} are the same at every chunking. */
  private static void sameAtEveryChunking(String text, long limit, List<String> expected) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    assertThat(split(body, limit)).as("whole").isEqualTo(expected);
    int[] everyByte = new int[body.length - 1];
    for (int i = 1; i < body.length; i++) {
      everyByte[i - 1] = i;
    }
    assertThat(split(body, limit, everyByte)).as("byte by byte").isEqualTo(expected);
    for (int i = 0; i <= body.length; i++) {
      assertThat(split(body, limit, i)).as("cut at %d", i).isEqualTo(expected);
      for (int j = i; j <= body.length; j++) {
        assertThat(split(body, limit, i, j)).as("cut at %d and %d", i, j).isEqualTo(expected);
      }
    }
  }

  @Test
  void ndjsonLinesAreTheSameMessagesAtEveryChunkBoundary() {
    sameAtEveryChunking(NDJSON, 1 << 10, List.of(
        "line 1 application/json {\"n\":1}",
        "line 4 application/json {\"text\":\"caf\u00e9\"}",
        "line 5 application/json {\"n\":3}"));
  }

  @Test
  void aJsonArrayIsTheSameElementsAtEveryChunkBoundary() {
    sameAtEveryChunking(ARRAY, 1 << 10, List.of(
        "element 0 application/json {\"n\":1}",
        "element 1 application/json {\"text\":\"\u00e9\"}"));
  }

  @Test
  void aLineOverTheLimitIsA413NamingItAtEveryChunkBoundary() {
    sameAtEveryChunking("{\"n\":1}\n{\"text\":\"0123456789\"}\n{\"n\":3}\n", 12, List.of(
        "line 1 application/json {\"n\":1}",
        "413 line 2 larger than 12 bytes"));
  }

  @Test
  void anArrayOverTheLimitIsA413() {
    assertThat(split(ARRAY.getBytes(StandardCharsets.UTF_8), 20))
        .containsExactly("413 JSON array body larger than 20 bytes");
  }

  @Test
  void aBrokenArrayIsA400() {
    assertThat(split("[{\"n\":1},".getBytes(StandardCharsets.UTF_8), 1 << 10))
        .singleElement().asString().startsWith("400 body: invalid JSON: ");
  }

  @Test
  void anArrayIsReadUnderTheJsonLimitsBeforeAnyElementIsSent() {
    assertThat(split("[1,2,3,4]".getBytes(StandardCharsets.UTF_8), 1 << 10)).containsExactly(
        "400 body: a JSON object or array has more than 3 entries"
            + " (limits.max_json_entries)");
    assertThat(split("[{\"a\":[1,2,3,4]}]".getBytes(StandardCharsets.UTF_8), 1 << 10))
        .containsExactly("400 body: a JSON object or array has more than"
            + " 3 entries (limits.max_json_entries)");
  }

  @Test
  void textAfterAnArrayIsA400() {
    assertThat(split("[{\"n\":1}] {}".getBytes(StandardCharsets.UTF_8), 1 << 10))
        .singleElement().asString()
        .isEqualTo("400 body: invalid JSON: unexpected text after the array");
  }

  @Test
  void blankBodiesSendNothing() {
    sameAtEveryChunking(" \n\r\n\n", 1 << 10, List.of());
  }
}
