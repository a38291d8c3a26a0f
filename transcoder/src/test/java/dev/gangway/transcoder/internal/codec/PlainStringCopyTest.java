package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.transcoder.internal.json.TestProtos;
import dev.gangway.transcoder.options.JsonInputLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * String values without escapes are copied from the input bytes instead of being decoded and
 * encoded again: the copy must give the same message as the character path, at any offset in the
 * input, and must not let through what the character path refuses (invalid UTF-8, encoded
 * surrogates, raw control characters). The same for int64 values in their usual string form, which
 * are read from the input bytes too.
 */
class PlainStringCopyTest {
  private static final CompiledCodec CODEC = new CompiledCodec(
      TestProtos.TYPES, false, false, false, false, JsonInputLimits.DEFAULT);
  private static final MessageSchema EVERYTHING = CODEC.schema(Everything.getDescriptor());

  @ParameterizedTest
  @ValueSource(strings = {
      "", "plain ascii", "héllo wörld", "日本語のテキスト", "emoji 😀 outside the BMP",
      "with \\\"escapes\\\" and \\\\ slashes", "\\u00e9 escaped", "\\ud83d\\ude00 escaped pair",
      "mixed ü and \\n escape"})
  void copiedOrDecodedTheMessageIsTheSame(String jsonText) throws Exception {
    String json = "{\"stringValue\": \"" + jsonText + "\", \"repeatedString\": [\"" + jsonText
        + "\", \"x\"], \"stringMap\": {\"k\": \"" + jsonText + "\"}}";
    String expected = decoded(jsonText);
    for (int offset : new int[] {0, 7}) {
      byte[] padded = pad(json, offset);
      Everything m = Everything.parseFrom(
          CODEC.toWire(EVERYTHING, padded, offset, padded.length - offset));
      assertThat(m.getStringValue()).isEqualTo(expected);
      assertThat(m.getRepeatedStringList()).containsExactly(expected, "x");
      assertThat(m.getStringMapMap()).containsEntry("k", expected);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "42 | 42", "-7 | -7", "0 | 0", "-0 | 0", "123456789012345678 | 123456789012345678",
      "1234567890123456789 | 1234567890123456789", "-9223372036854775808 | -9223372036854775808",
      "4\\u0032 | 42", "1e3 | 1000"})
  void int64StringsReadInPlaceOrAsTextAgree(String text, long expected) throws Exception {
    for (int offset : new int[] {0, 5}) {
      byte[] json = pad("{\"int64Value\": \"" + text + "\", \"repeatedInt64\": [\"" + text
          + "\"]}", offset);
      Everything m = Everything.parseFrom(
          CODEC.toWire(EVERYTHING, json, offset, json.length - offset));
      assertThat(m.getInt64Value()).isEqualTo(expected);
      assertThat(m.getRepeatedInt64List()).containsExactly(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "+1", " 1", "1 ", "-", "", "9223372036854775808", "1.5", "0x10"})
  void int64StringsTheSpecRejectsAreRefused(String text) {
    byte[] json = ("{\"int64Value\": \"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CODEC.toWire(EVERYTHING, json, 0, json.length))
        .isInstanceOf(CodecException.class)
        .hasMessage("invalid JSON: \"" + text + "\" is not a valid int64");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "c0 80",       // overlong NUL
      "e0 80 af",    // overlong '/'
      "ed a0 80",    // an encoded surrogate
      "f4 90 80 80", // beyond U+10FFFF
      "ff"})
  void invalidUtf8InAStringIsRefused(String hex) {
    byte[] json = withRawBytes("{\"stringValue\": \"a", hex, "b\"}");
    assertThatThrownBy(() -> CODEC.toWire(EVERYTHING, json, 0, json.length))
        .isInstanceOf(CodecException.class)
        .hasMessage("invalid JSON: not valid UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "09", "1f"})
  void aRawControlCharacterInAStringIsRefused(String hex) {
    byte[] json = withRawBytes("{\"stringValue\": \"a", hex, "b\"}");
    assertThatThrownBy(() -> CODEC.toWire(EVERYTHING, json, 0, json.length))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("invalid JSON: syntax error at line 1");
  }

  private static String decoded(String jsonText) throws Exception {
    try (JsonParser p = new JsonFactory().createParser("\"" + jsonText + "\"")) {
      p.nextToken();
      return p.getText();
    }
  }

  private static byte[] pad(String json, int offset) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[offset + body.length];
    Arrays.fill(padded, 0, offset, (byte) '"'); // anything before the value is not read
    System.arraycopy(body, 0, padded, offset, body.length);
    return padded;
  }

  private static byte[] withRawBytes(String before, String hex, String after) {
    String[] parts = hex.split(" ");
    byte[] head = before.getBytes(StandardCharsets.UTF_8);
    byte[] tail = after.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + parts.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    for (int i = 0; i < parts.length; i++) {
      out[head.length + i] = (byte) Integer.parseInt(parts[i], 16);
    }
    System.arraycopy(tail, 0, out, head.length + parts.length, tail.length);
    return out;
  }
}
