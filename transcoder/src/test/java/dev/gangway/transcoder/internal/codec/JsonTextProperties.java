package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JsonText}, the body writer that replaced Jackson's generator: strings given as UTF-8
 * come out byte for byte as the generator wrote them, strings given as {@code String}s and
 * numbers read back as the same values, and commas and colons fall where JSON wants them.
 */
class JsonTextProperties {
  private static final JsonFactory JACKSON = new JsonFactory();

  @Property(tries = 500)
  void writesUtf8StringsAsJacksonDid(@ForAll("texts") String text) throws Exception {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    JsonText out = new JsonText(16);
    out.stringUtf8(utf8, 0, utf8.length);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator g = JACKSON.createGenerator(expected, JsonEncoding.UTF8)) {
      g.writeUTF8String(utf8, 0, utf8.length);
    }
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Property(tries = 500)
  void stringsAndNamesReadBackAsWritten(@ForAll("texts") String text, @ForAll long n)
      throws Exception {
    JsonText out = new JsonText(16);
    out.startObject();
    out.name(text);
    out.string(text);
    out.nameNumber(n, false);
    out.number(n);
    out.nameNumber(n, true);
    out.quotedNumber(n, true);
    out.endObject();

    try (JsonParser p = JACKSON.createParser(out.toByteArray())) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextFieldName()).isEqualTo(text);
      assertThat(p.nextTextValue()).isEqualTo(text);
      assertThat(p.nextFieldName()).isEqualTo(Long.toString(n));
      assertThat(p.nextLongValue(0)).isEqualTo(n);
      assertThat(p.nextFieldName()).isEqualTo(Long.toUnsignedString(n));
      assertThat(p.nextTextValue()).isEqualTo(Long.toUnsignedString(n));
      assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(p.nextToken()).isNull();
    }
  }

  @Example
  void placesCommasBetweenValuesAndNotAfterNames() {
    JsonText out = new JsonText(16);
    out.startObject();
    out.name("a");
    out.startArray();
    out.number(1);
    out.bool(true);
    out.nul();
    out.startObject();
    out.endObject();
    out.startArray();
    out.endArray();
    out.number(-2.5d);
    out.number(0.1f);
    out.quotedNumber(Long.MIN_VALUE, false);
    out.quotedNumber(-1, true);
    out.base64(new byte[] {1, 2, 3, 4}, 1, 2);
    out.endArray();
    out.name("b");
    out.string("\u0000\b\t\n\f\r\"\\\u001f\u007f\ud800x\ud83d\ude00");
    out.endObject();

    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"a\":[1,true,null,{},[],-2.5,0.1,\"-9223372036854775808\",\"18446744073709551615\","
            + "\"AgM=\"],\"b\":\"\\u0000\\b\\t\\n\\f\\r\\\"\\\\\\u001F\u007f\\uD800x\ud83d\ude00\"}");
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withCharRange('\u0000', '\u0080').ofMaxLength(40),
        Arbitraries.strings().withChars("\"\\\n\u0001ü€😀ab").ofMaxLength(20))
        .filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
  }
}
