package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.transcoder.internal.json.TestProtos;
import dev.gangway.transcoder.options.JsonInputLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the table "Deliberate differences from protobuf-java-util's JsonFormat" in
 * docs/mapping.md: for each input there, JsonFormat (the oracle of the differential tests)
 * accepts it and the compiled codec refuses it. If JsonFormat changes, this says which row.
 */
class JsonFormatDifferencesTest {
  private static final CompiledCodec CODEC =
      new CompiledCodec(TestProtos.TYPES, false, false, false, false, JsonInputLimits.DEFAULT);

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"int32Value\": \"+1\"}",
      "{\"int64Value\": \"012\"}",
      "{\"stringValue\": 12}",
      "{\"bytesValue\": true}",
      "{\"boolValue\": \"true\"}",
      "{\"int32Value\": 0, \"int32Value\": 0}",
      "{\"stringMap\": {\"a\": \"x\", \"a\": \"y\"}}",
      "{\"structValue\": {\"a\": 1, \"a\": 2}}",
      "{\"stringValue\": \"\\ud800\"}",
      "{\"fieldMask\": \"a_b\"}",
      "{\"duration\": \"+1s\"}",
      "{\"duration\": \"1.s\"}",
      "{\"timestamp\": \"2024-2-29T12:00:00Z\"}",
      "{\"timestamp\": \"2024-02-29T12:00:00.Z\"}",
      "{\"timestamp\": \"2024-02-29T12:00:00+1:00\"}",
      "{\"timestamp\": \"2024-02-29T12:00:60Z\"}",
      "{\"any\": {\"@type\": \"type.googleapis.com/google.protobuf.Duration\","
          + " \"value\": \"1s\", \"extra\": 1}}"
  })
  void jsonFormatAcceptsWhatTheCodecRefuses(String json) throws Exception {
    Everything.Builder oracle = Everything.newBuilder();
    JsonFormat.parser().usingTypeRegistry(TestProtos.TYPES).merge(json, oracle);

    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> CODEC.toWire(CODEC.schema(Everything.getDescriptor()), bytes, 0, bytes.length))
        .isInstanceOf(CodecException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception"));
  }
}
