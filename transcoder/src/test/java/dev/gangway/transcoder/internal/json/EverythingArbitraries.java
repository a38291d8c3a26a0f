package dev.gangway.transcoder.internal.json;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.test.kitchen.Nested;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random {@link Everything} messages whose every value has a proto3 JSON form: all scalar ranges
 * with their extremes, NaN and infinities, any Unicode text, unknown enum numbers, and well-known
 * types inside the ranges the JSON mapping allows.
 */
final class EverythingArbitraries {
  // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range RFC 3339 text can hold.
  private static final long MIN_TIMESTAMP = -62_135_596_800L;
  private static final long MAX_TIMESTAMP = 253_402_300_799L;
  // +-10,000 years: the range the JSON mapping allows a Duration.
  private static final long MAX_DURATION = 315_576_000_000L;
  private static final double P = 0.5; // chance that an optional part is set

  private EverythingArbitraries() {}

  static Arbitrary<Everything> everything() {
    return Builders.withBuilder(Everything::newBuilder)
        .use(doubles()).withProbability(P).in(Everything.Builder::setDoubleValue)
        .use(floats()).withProbability(P).in(Everything.Builder::setFloatValue)
        .use(Arbitraries.integers()).withProbability(P).in(Everything.Builder::setInt32Value)
        .use(Arbitraries.longs()).withProbability(P).in(Everything.Builder::setInt64Value)
        .use(Arbitraries.integers()).withProbability(P).in(Everything.Builder::setUint32Value)
        .use(Arbitraries.longs()).withProbability(P).in(Everything.Builder::setUint64Value)
        .use(Arbitraries.integers()).withProbability(P).in(Everything.Builder::setSint32Value)
        .use(Arbitraries.longs()).withProbability(P).in(Everything.Builder::setSint64Value)
        .use(Arbitraries.integers()).withProbability(P).in(Everything.Builder::setFixed32Value)
        .use(Arbitraries.longs()).withProbability(P).in(Everything.Builder::setFixed64Value)
        .use(Arbitraries.integers()).withProbability(P).in(Everything.Builder::setSfixed32Value)
        .use(Arbitraries.longs()).withProbability(P).in(Everything.Builder::setSfixed64Value)
        .use(Arbitraries.of(true, false)).withProbability(P).in(Everything.Builder::setBoolValue)
        .use(text()).withProbability(P).in(Everything.Builder::setStringValue)
        .use(bytes()).withProbability(P).in(Everything.Builder::setBytesValue)
        .use(enumNumber()).withProbability(P).in(Everything.Builder::setEnumValueValue)
        .use(nested(3)).withProbability(P).in(Everything.Builder::setNested)
        .use(Arbitraries.integers()).withProbability(P).in(Everything.Builder::setOptionalInt32)
        .use(text()).withProbability(P).in(Everything.Builder::setOptionalString)
        .use(Arbitraries.integers().list().ofMaxSize(4)).in(Everything.Builder::addAllRepeatedInt32)
        .use(text().list().ofMaxSize(4)).in(Everything.Builder::addAllRepeatedString)
        .use(enumNumber().list().ofMaxSize(4)).in(Everything.Builder::addAllRepeatedEnumValue)
        .use(nested(2).list().ofMaxSize(3)).in(Everything.Builder::addAllRepeatedNested)
        .use(Arbitraries.longs().list().ofMaxSize(4)).in(Everything.Builder::addAllRepeatedInt64)
        .use(bytes().list().ofMaxSize(3)).in(Everything.Builder::addAllRepeatedBytes)
        .use(doubles().list().ofMaxSize(4)).in(Everything.Builder::addAllRepeatedDouble)
        .use(Arbitraries.maps(text(), text()).ofMaxSize(3)).in(Everything.Builder::putAllStringMap)
        .use(Arbitraries.maps(Arbitraries.longs(), nested(1)).ofMaxSize(3))
        .in(Everything.Builder::putAllNestedMap)
        .use(Arbitraries.maps(Arbitraries.of(true, false), Arbitraries.integers()).ofMaxSize(2))
        .in(Everything.Builder::putAllBoolMap)
        .use(timestamp()).withProbability(P).in(Everything.Builder::setTimestamp)
        .use(duration()).withProbability(P).in(Everything.Builder::setDuration)
        .use(fieldMask()).withProbability(P).in(Everything.Builder::setFieldMask)
        .use(wrappers()).in(EverythingArbitraries::wrap)
        .use(struct(2)).withProbability(P).in(Everything.Builder::setStructValue)
        .use(value(2)).withProbability(P).in(Everything.Builder::setValue)
        .use(listValue(2)).withProbability(P).in(Everything.Builder::setListValue)
        .use(nested(2).map(Any::pack)).withProbability(P).in(Everything.Builder::setAny)
        .use(Arbitraries.just(Empty.getDefaultInstance())).withProbability(P)
        .in(Everything.Builder::setEmpty)
        .use(timestamp().list().ofMaxSize(3)).in(Everything.Builder::addAllRepeatedTimestamp)
        .use(choice()).in((b, choice) -> b.mergeFrom(choice))
        .use(text()).withProbability(P).in(Everything.Builder::setJsonNamed)
        .build(Everything.Builder::build);
  }

  /**
   * Every bit pattern (NaN payloads, subnormals) plus the named edges, except -0.0: JsonFormat's
   * parser reads a double through BigDecimal, which has no negative zero, so {@code -0.0} comes
   * back as {@code 0.0} (pinned by {@code JsonCodecTest}; floats keep their sign).
   */
  static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
            Arbitraries.longs().map(Double::longBitsToDouble),
            Arbitraries.of(
                0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
                -Double.MAX_VALUE, 0.1, 1e21))
        .map(d -> Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0) ? 0.0 : d);
  }

  static Arbitrary<Float> floats() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(Float::intBitsToFloat),
        Arbitraries.of(
            0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f, 3.4e38f));
  }

  /** Any Unicode scalar values (supplementary ones included, lone surrogates excluded). */
  static Arbitrary<String> text() {
    Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 0x7f);
    Arbitrary<Integer> any =
        Arbitraries.integers()
            .between(0, Character.MAX_CODE_POINT)
            .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
    return Arbitraries.frequencyOf(Tuple.of(3, ascii), Tuple.of(2, any))
        .list()
        .ofMaxSize(8)
        .map(
            codePoints -> {
              StringBuilder text = new StringBuilder();
              codePoints.forEach(text::appendCodePoint);
              return text.toString();
            });
  }

  static Arbitrary<ByteString> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(10).map(ByteString::copyFrom);
  }

  /** Known values and numbers the enum does not declare (proto3 enums are open). */
  static Arbitrary<Integer> enumNumber() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 3), Arbitraries.of(-1, 4, 42, Integer.MAX_VALUE));
  }

  static Arbitrary<Nested> nested(int depth) {
    Builders.BuilderCombinator<Nested.Builder> nested =
        Builders.withBuilder(Nested::newBuilder)
            .use(text()).withProbability(P).in(Nested.Builder::setLabel)
            .use(Arbitraries.integers()).withProbability(P).in(Nested.Builder::setCount)
            .use(text().list().ofMaxSize(3)).in(Nested.Builder::addAllNotes);
    if (depth > 1) {
      nested = nested.use(nested(depth - 1)).withProbability(0.3).in(Nested.Builder::setChild);
    }
    return nested.build(Nested.Builder::build);
  }

  static Arbitrary<Timestamp> timestamp() {
    return Combinators.combine(
            Arbitraries.longs().between(MIN_TIMESTAMP, MAX_TIMESTAMP),
            Arbitraries.integers().between(0, 999_999_999))
        .as((seconds, nanos) -> Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build());
  }

  /** Seconds and nanos of the same sign, as the Duration spec requires. */
  static Arbitrary<Duration> duration() {
    return Combinators.combine(
            Arbitraries.longs().between(-MAX_DURATION, MAX_DURATION),
            Arbitraries.integers().between(0, 999_999_999),
            Arbitraries.of(true, false))
        .as(
            (seconds, nanos, negativeZero) -> {
              boolean negative = seconds < 0 || (seconds == 0 && negativeZero);
              return Duration.newBuilder()
                  .setSeconds(seconds)
                  .setNanos(negative ? -nanos : nanos)
                  .build();
            });
  }

  /**
   * Paths of lower_snake segments whose every word starts with a letter: the only paths that
   * survive JSON's lowerCamelCase and back ({@code a_1} would come back as {@code a1}).
   */
  static Arbitrary<FieldMask> fieldMask() {
    Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofLength(1)
        .flatMap(
            first ->
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withCharRange('0', '9')
                    .ofMaxLength(4)
                    .map(rest -> first + rest));
    Arbitrary<String> segment = word.list().ofMinSize(1).ofMaxSize(3).map(w -> String.join("_", w));
    Arbitrary<String> path =
        segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join(".", s));
    return path.list().ofMaxSize(3).map(paths -> FieldMask.newBuilder().addAllPaths(paths).build());
  }

  /** The wrapper fields, each set or not, with extreme values. */
  static Arbitrary<Everything> wrappers() {
    return Builders.withBuilder(Everything::newBuilder)
        .use(text().map(StringValue::of)).withProbability(P)
        .in(Everything.Builder::setWrappedString)
        .use(Arbitraries.longs().map(Int64Value::of)).withProbability(P)
        .in(Everything.Builder::setWrappedInt64)
        .use(Arbitraries.of(true, false).map(BoolValue::of)).withProbability(P)
        .in(Everything.Builder::setWrappedBool)
        .use(doubles().map(DoubleValue::of)).withProbability(P)
        .in(Everything.Builder::setWrappedDouble)
        .use(bytes().map(BytesValue::of)).withProbability(P).in(Everything.Builder::setWrappedBytes)
        .use(Arbitraries.integers().map(UInt32Value::of)).withProbability(P)
        .in(Everything.Builder::setWrappedUint32)
        .use(floats().map(FloatValue::of)).withProbability(P)
        .in(Everything.Builder::setWrappedFloat)
        .use(Arbitraries.integers().map(Int32Value::of)).withProbability(P)
        .in(Everything.Builder::setWrappedInt32)
        .use(Arbitraries.longs().map(UInt64Value::of)).withProbability(P)
        .in(Everything.Builder::setWrappedUint64)
        .build(Everything.Builder::build);
  }

  private static Everything.Builder wrap(Everything.Builder message, Everything wrappers) {
    return message.mergeFrom(wrappers);
  }

  /** One member of the {@code choice} oneof, or none. */
  static Arbitrary<Everything> choice() {
    return Arbitraries.oneOf(
        Arbitraries.just(Everything.getDefaultInstance()),
        text().map(t -> Everything.newBuilder().setChoiceText(t).build()),
        Arbitraries.integers().map(n -> Everything.newBuilder().setChoiceNumber(n).build()),
        nested(2).map(n -> Everything.newBuilder().setChoiceNested(n).build()));
  }

  /** A Value with its kind set; numbers are finite (JSON has no NaN or infinity). */
  static Arbitrary<Value> value(int depth) {
    Arbitrary<Value> leaf =
        Arbitraries.oneOf(
            Arbitraries.just(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()),
            doubles()
                .filter(Double::isFinite)
                .map(d -> Value.newBuilder().setNumberValue(d).build()),
            text().map(t -> Value.newBuilder().setStringValue(t).build()),
            Arbitraries.of(true, false).map(b -> Value.newBuilder().setBoolValue(b).build()));
    if (depth <= 0) {
      return leaf;
    }
    return Arbitraries.oneOf(
        leaf,
        struct(depth - 1).map(s -> Value.newBuilder().setStructValue(s).build()),
        listValue(depth - 1).map(l -> Value.newBuilder().setListValue(l).build()));
  }

  static Arbitrary<Struct> struct(int depth) {
    return Arbitraries.maps(text(), Arbitraries.lazy(() -> value(depth)))
        .ofMaxSize(3)
        .map(fields -> Struct.newBuilder().putAllFields(fields).build());
  }

  static Arbitrary<ListValue> listValue(int depth) {
    return Arbitraries.lazy(() -> value(depth))
        .list()
        .ofMaxSize(3)
        .map(values -> ListValue.newBuilder().addAllValues(values).build());
  }
}
