package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.transcoder.internal.json.TestProtos;
import dev.gangway.transcoder.options.JsonInputLimits;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Member names are first matched as bytes against the field expected next (the next in number
 * order, or in a repeated field the one that followed last time) and only then looked up: a
 * name that is close to the expected one, spelled another way, out of order, given twice or cut
 * off by the end of the input must read exactly as a lookup reads it. The oracle is JsonFormat
 * wherever it accepts the input; the input is also read with a prefix before it, so the guessed
 * name is compared at a position that is not the array's start.
 */
class MemberNamesTest {
  private static final CompiledCodec CODEC =
      new CompiledCodec(TestProtos.TYPES, false, false, false, false, JsonInputLimits.DEFAULT);
  private static final MessageSchema EVERYTHING = CODEC.schema(Everything.getDescriptor());

  @ParameterizedTest
  @ValueSource(strings = {
      // In number order, out of order, with members left out, in the proto spelling, escaped.
      "{\"repeatedNested\": [{\"label\": \"a\", \"count\": 1, \"notes\": [\"x\"]}]}",
      "{\"repeatedNested\": [{\"notes\": [\"x\"], \"count\": 1, \"label\": \"a\"}]}",
      "{\"repeatedNested\": [{\"label\": \"a\", \"count\": 1}, {\"count\": 2, \"label\": \"b\"},"
          + " {\"notes\": [\"y\"]}, {}, {\"label\": \"c\", \"child\": {\"label\": \"d\"}}]}",
      "{\"repeated_nested\": [{\"label\": \"a\"}], \"string_value\": \"s\", \"int64_value\": \"7\"}",
      "{\"repeatedNested\": [{\"\\u006cabel\": \"a\", \"co\\u0075nt\": 1}]}",
      // Names at the very end of the input, where the byte match has too few bytes to look at.
      "{\"doubleValue\":1}",
      "{\"int64Value\":\"1\"}",
      "{\"repeatedNested\":[{\"count\":1}]}",
      // Spaces around the colon and the comma.
      "{ \"repeatedNested\" : [ { \"label\" : \"a\" , \"count\" : 1 } , { \"label\":\"b\" } ] }"})
  void readsAsJsonFormatDoes(String json) throws Exception {
    Everything.Builder expected = Everything.newBuilder();
    JsonFormat.parser().usingTypeRegistry(TestProtos.TYPES).merge(json, expected);

    assertThat(read(json, 0)).isEqualTo(expected.build());
    assertThat(read(json, 9)).isEqualTo(expected.build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"labe", "labels", "Label", "label ", "lab\\u0065lx"})
  void aNameCloseToTheExpectedOneIsUnknown(String name) {
    String json = "{\"repeatedNested\": [{\"" + name + "\": \"a\"}]}";
    String shown = name.replace("\\u0065", "e");

    assertThatThrownBy(() -> read(json, 0))
        .isInstanceOf(CodecException.class)
        .hasMessage("unknown field \"" + shown + "\" in gangway.test.kitchen.Nested");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[{\"label\": \"a\", \"label\": \"b\"}]",
      "[{\"label\": \"a\", \"count\": 1}, {\"label\": \"b\", \"count\": 2, \"label\": \"c\"}]",
      "[{\"label\": \"a\"}, {\"label\": \"b\", \"\\u006cabel\": \"c\"}]"})
  void aNameGivenTwiceIsRefusedWhereverTheGuessIs(String elements) {
    String json = "{\"repeatedNested\": " + elements + "}";

    assertThatThrownBy(() -> read(json, 0))
        .isInstanceOf(CodecException.class)
        .hasMessage("field gangway.test.kitchen.Nested.label is set more than once");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE"})
  void jsonInAnotherEncodingThanUtf8IsASyntaxError(String charset) {
    byte[] json = "{\"stringValue\": \"abc\"}".getBytes(Charset.forName(charset));

    assertThatThrownBy(() -> CODEC.toWire(EVERYTHING, json, 0, json.length))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("invalid JSON: syntax error at line 1 column ");
  }

  @org.junit.jupiter.api.Test
  void aUtf8ByteOrderMarkIsSkipped() throws Exception {
    byte[] json = "\uFEFF{\"stringValue\": \"abc\"} ".getBytes(StandardCharsets.UTF_8);

    assertThat(Everything.parseFrom(CODEC.toWire(EVERYTHING, json, 0, json.length)))
        .isEqualTo(Everything.newBuilder().setStringValue("abc").build());
  }

  private static Everything read(String json, int offset) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[offset + body.length];
    java.util.Arrays.fill(padded, 0, offset, (byte) '{');
    System.arraycopy(body, 0, padded, offset, body.length);
    return Everything.parseFrom(CODEC.toWire(EVERYTHING, padded, offset, body.length));
  }
}
