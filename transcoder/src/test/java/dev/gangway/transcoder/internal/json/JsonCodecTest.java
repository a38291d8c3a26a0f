package dev.gangway.transcoder.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DoubleValue;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.test.kitchen.Nested;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.JsonFieldNames;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private static final Everything SAMPLE =
      Everything.newBuilder().setJsonNamed("j").setNested(Nested.newBuilder().setCount(0)).build();

  @Test
  void printerUsingAnotherRegistryKeepsEveryOption() throws Exception {
    JsonCodec codec =
        TestProtos.codec(
            TranscoderOptions.builder()
                .jsonFieldNames(JsonFieldNames.PROTO_NAME)
                .emitDefaultValues(true)
                .enumsAsNumbers(true)
                .build());
    JsonFormat.Printer other = codec.printerUsing(TypeRegistry.getEmptyTypeRegistry());

    assertThat(other.print(SAMPLE)).isEqualTo(codec.printer().print(SAMPLE));
    assertThat(other.print(SAMPLE)).contains("\"json_named\":\"j\"", "\"enum_value\":0");
  }

  @Test
  void printerUsingAnotherRegistryResolvesAnyThere() {
    JsonCodec codec = TestProtos.codec(TranscoderOptions.DEFAULT);
    JsonFormat.Printer empty = codec.printerUsing(TypeRegistry.getEmptyTypeRegistry());
    Everything withAny =
        Everything.newBuilder().setAny(com.google.protobuf.Any.pack(Nested.getDefaultInstance()))
            .build();

    assertThatThrownBy(() -> empty.print(withAny))
        .isInstanceOf(com.google.protobuf.InvalidProtocolBufferException.class);
  }

  /**
   * Pins a limitation of protobuf-java-util's parser (4.36.2): doubles are read through BigDecimal,
   * which has no negative zero. The printer writes {@code -0.0} correctly; floats keep the sign.
   * If this starts failing after an upgrade, widen {@link EverythingArbitraries#doubles()}.
   */
  @Test
  void parserLosesTheSignOfNegativeZeroDoubles() throws Exception {
    JsonCodec codec = TestProtos.codec(TranscoderOptions.DEFAULT);
    assertThat(codec.printer().print(DoubleValue.of(-0.0))).isEqualTo("-0.0");

    Everything.Builder parsed = Everything.newBuilder();
    codec.parser().merge("{\"doubleValue\":-0.0,\"floatValue\":-0.0}", parsed);

    assertThat(Double.doubleToRawLongBits(parsed.getDoubleValue())).isZero();
    assertThat(Float.floatToRawIntBits(parsed.getFloatValue()))
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
  }
}
