package dev.gangway.transcoder.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.test.kitchen.Nested;
import dev.gangway.transcoder.internal.codec.CodecException;
import dev.gangway.transcoder.internal.codec.CompiledCodec;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.JsonFieldNames;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private static final Everything SAMPLE =
      Everything.newBuilder().setJsonNamed("j").setNested(Nested.newBuilder().setCount(0)).build();

  @Test
  void codecUsingAnotherRegistryKeepsEveryOption() throws Exception {
    JsonCodec codec =
        TestProtos.codec(
            TranscoderOptions.builder()
                .jsonFieldNames(JsonFieldNames.PROTO_NAME)
                .emitDefaultValues(true)
                .build());
    CompiledCodec other = codec.compiledUsing(TypeRegistry.getEmptyTypeRegistry());

    assertThat(json(other, SAMPLE)).isEqualTo(json(codec.compiled(), SAMPLE));
    assertThat(json(other, SAMPLE)).contains("\"json_named\":\"j\"", "\"string_value\":\"\"");
  }

  @Test
  void codecUsingAnotherRegistryResolvesAnyThere() throws Exception {
    JsonCodec codec = TestProtos.codec(TranscoderOptions.DEFAULT);
    CompiledCodec empty = codec.compiledUsing(TypeRegistry.getEmptyTypeRegistry());
    Everything withAny = Everything.newBuilder().setAny(Any.pack(Nested.getDefaultInstance())).build();

    assertThat(json(codec.compiled(), withAny)).contains("gangway.test.kitchen.Nested");
    assertThatThrownBy(() -> json(empty, withAny)).isInstanceOf(CodecException.class);
  }

  /**
   * A deliberate difference (docs/mapping.md): protobuf-java-util's parser (4.36.2) reads doubles
   * through BigDecimal, which has no negative zero; the compiled codec keeps the sign, as the
   * binary format does.
   */
  @Test
  void codecKeepsTheSignOfNegativeZeroWhereJsonFormatLosesIt() throws Exception {
    CompiledCodec codec = TestProtos.codec(TranscoderOptions.DEFAULT).compiled();
    byte[] json = "{\"doubleValue\":-0.0,\"floatValue\":-0.0}".getBytes(StandardCharsets.UTF_8);

    Everything parsed = Everything.parseFrom(
        codec.toWire(codec.schema(Everything.getDescriptor()), json, 0, json.length));
    Everything.Builder oracle = Everything.newBuilder();
    JsonFormat.parser().merge(new String(json, StandardCharsets.UTF_8), oracle);

    assertThat(Double.doubleToRawLongBits(parsed.getDoubleValue()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Double.doubleToRawLongBits(oracle.getDoubleValue())).isZero();
    assertThat(json(codec, DoubleValue.of(-0.0))).isEqualTo("-0.0");
  }

  private static String json(CompiledCodec codec, com.google.protobuf.Message m)
      throws CodecException {
    return new String(
        codec.toJson(codec.schema(m.getDescriptorForType()), m.toByteArray()),
        StandardCharsets.UTF_8);
  }
}
