package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link ValidUtf8}'s ASCII skipping agrees with protobuf's validator on any bytes, any range. */
class ValidUtf8Properties {

  @Property(tries = 2000)
  void agreesWithProtobuf(@ForAll("texts") byte[] bytes, @ForAll("cuts") int a, @ForAll("cuts") int b) {
    int off = Math.min(a, bytes.length);
    int len = Math.min(b, bytes.length - off);

    assertThat(ValidUtf8.check(bytes, off, len))
        .isEqualTo(ByteString.copyFrom(bytes, off, len).isValidUtf8());
  }

  @Provide
  Arbitrary<byte[]> texts() {
    Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(40);
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
    Arbitrary<byte[]> bad = Arbitraries.of(
        new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong NUL
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
        new byte[] {(byte) 0xE2, (byte) 0x82}, // cut short
        "é😀".getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(any, bad).flatMap(middle -> ascii.flatMap(before -> ascii.map(after -> {
      byte[] head = before.getBytes(StandardCharsets.US_ASCII);
      byte[] tail = after.getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[head.length + middle.length + tail.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(middle, 0, all, head.length, middle.length);
      System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
      return all;
    })));
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, 60);
  }
}
