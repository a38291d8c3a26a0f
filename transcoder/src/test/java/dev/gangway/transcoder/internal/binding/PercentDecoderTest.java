package dev.gangway.transcoder.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.binding.PercentDecoder.Mode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Percent-decoding of path variables and query parts. */
class PercentDecoderTest {

  /** Encodes every byte, in upper or lower case hex, as a client library might. */
  private static String encodeAll(String text, boolean lowerCase) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      String hex = String.format(lowerCase ? "%%%02x" : "%%%02X", b & 0xff);
      out.append(hex);
    }
    return out.toString();
  }

  @Property
  void singleSegmentDecodingUndoesEncoding(@ForAll String text, @ForAll boolean lowerCase)
      throws TranscodingException {
    String valid = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

    assertThat(PercentDecoder.decode(encodeAll(valid, lowerCase), Mode.SEGMENT, "x"))
        .isEqualTo(valid);
  }

  @Property
  void multiSegmentDecodingKeepsOnlyEncodedSlashes(@ForAll String text)
      throws TranscodingException {
    String valid = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

    assertThat(PercentDecoder.decode(encodeAll(valid, false), Mode.MULTI_SEGMENT, "x"))
        .isEqualTo(valid.replace("/", "%2F"));
  }

  @Test
  void returnsTextWithoutEscapesUnchanged() throws TranscodingException {
    String raw = "shelves/1+2";

    assertThat(PercentDecoder.decode(raw, Mode.QUERY, "x")).isSameAs(raw);
  }

  @Test
  void decodesPlusOnlyInFormMode() throws TranscodingException {
    assertThat(PercentDecoder.decode("a+b%2B", Mode.QUERY, "x")).isEqualTo("a+b+");
    assertThat(PercentDecoder.decode("a+b%2B", Mode.QUERY_PLUS_AS_SPACE, "x")).isEqualTo("a b+");
    assertThat(PercentDecoder.decode("a+b", Mode.SEGMENT, "x")).isEqualTo("a+b");
  }

  @Test
  void rejectsAnEscapeCutShortAtTheEnd() {
    assertThatThrownBy(() -> PercentDecoder.decode("ab%4", Mode.SEGMENT, "path variable {name}"))
        .isInstanceOf(TranscodingException.class)
        .hasMessage("path variable {name}: malformed percent-encoding");
  }

  @Test
  void rejectsAnEncodedOverlongSequence() {
    assertThatThrownBy(() -> PercentDecoder.decode("%C0%AF", Mode.SEGMENT, "path variable {name}"))
        .isInstanceOf(TranscodingException.class)
        .hasMessage("path variable {name}: not valid UTF-8 after percent-decoding");
  }
}
