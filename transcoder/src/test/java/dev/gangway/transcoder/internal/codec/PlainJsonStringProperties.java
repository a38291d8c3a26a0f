package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The eight-bytes-at-a-time readers of string content in place ({@link PlainJsonString},
 * {@link WireWriter#writePlainJsonString}, {@link JsonNumbers#shortIntegerLength}) agree with a
 * byte-by-byte reading of the same grammar on any bytes, from any start, with any limit, up to
 * the last byte of the array (where eight bytes cannot be read at once).
 */
class PlainJsonStringProperties {

  @Property(tries = 3000)
  void findsTheEndAByteLoopFinds(
      @ForAll("contents") byte[] bytes, @ForAll("cuts") int a, @ForAll("cuts") int b) {
    int start = Math.min(a, bytes.length);
    int limit = Math.min(start + b, bytes.length);

    assertThat(PlainJsonString.end(bytes, start, limit)).isEqualTo(byteLoopEnd(bytes, start, limit));
  }

  @Property(tries = 3000)
  void copiesWhatAByteLoopFinds(
      @ForAll("contents") byte[] bytes, @ForAll("cuts") int a, @ForAll("limits") int b) {
    int start = Math.min(a, bytes.length);
    int limit = Math.min(start + b, bytes.length);
    WireWriter out = new WireWriter(16);
    out.writeRawByte(0x0A); // something before, which must stay

    int end = out.writePlainJsonString(bytes, start, limit);

    int expectedEnd = byteLoopEnd(bytes, start, limit);
    assertThat(end).isEqualTo(expectedEnd);
    WireWriter expected = new WireWriter(16);
    expected.writeRawByte(0x0A);
    if (expectedEnd >= 0) {
      expected.writeBytes(bytes, start, expectedEnd - start);
    }
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Property(tries = 3000)
  void readsIntegersAsLongParseLongDoes(
      @ForAll("integerTexts") String text, @ForAll("cuts") int padding, @ForAll("cuts") int tail) {
    byte[] bytes = new byte[padding + text.length() + tail];
    Arrays.fill(bytes, (byte) '7'); // digits around the text must not be taken for its own
    for (int i = 0; i < text.length(); i++) {
      bytes[padding + i] = (byte) text.charAt(i);
    }

    int length = JsonNumbers.shortIntegerLength(bytes, padding, bytes.length);

    String content = text.indexOf('"') >= 0 ? text.substring(0, text.indexOf('"')) : null;
    if (content != null && content.matches("-?(0|[1-9][0-9]{0,17})")) {
      assertThat(length).isEqualTo(content.length());
      assertThat(JsonNumbers.shortIntegerValue(bytes, padding, length))
          .isEqualTo(Long.parseLong(content));
    } else {
      assertThat(length).isEqualTo(-1);
    }
  }

  private static int byteLoopEnd(byte[] bytes, int start, int limit) {
    for (int i = start; i < limit; i++) {
      int c = bytes[i] & 0xFF;
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  @Provide
  Arbitrary<byte[]> contents() {
    Arbitrary<Byte> usual = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E);
    Arbitrary<Byte> stops = Arbitraries.of((byte) '"', (byte) '\\', (byte) 0, (byte) 0x1F,
        (byte) 0x80, (byte) 0xC3, (byte) 0xFF, (byte) 0x21, (byte) 0x5B, (byte) 0x5D);
    // Short runs mostly, and runs past the 127 bytes whose length takes one byte.
    return Arbitraries.oneOf(
        Arbitraries.frequencyOf(Tuple.of(20, usual), Tuple.of(1, stops))
            .array(byte[].class).ofMaxSize(300),
        Arbitraries.frequencyOf(Tuple.of(300, usual), Tuple.of(1, stops))
            .array(byte[].class).ofMaxSize(300));
  }

  @Provide
  Arbitrary<String> integerTexts() {
    Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0)
        .ofMaxLength(21);
    Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
    Arbitrary<String> end = Arbitraries.of("\"", "\"", "\"", "", "x\"", " \"", "\u00e9\"");
    return sign.flatMap(s -> digits.flatMap(d -> end.map(e -> s + d + e)));
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, 40);
  }

  @Provide
  Arbitrary<Integer> limits() {
    return Arbitraries.integers().between(0, 300);
  }
}
