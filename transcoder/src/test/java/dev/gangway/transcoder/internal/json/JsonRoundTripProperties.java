package dev.gangway.transcoder.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.test.kitchen.Everything;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.JsonFieldNames;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every {@link Everything} the proto3 JSON mapping can express survives protobuf bytes -> JSON (a
 * {@link ResponsePlan}, under every combination of the JSON options) -> protobuf (JsonFormat's
 * parser, the oracle) unchanged. Floats and doubles compare by bits (NaN equals NaN, -0.0 is not 0.0),
 * as protobuf's {@code equals} does.
 */
class JsonRoundTripProperties {

  @Property(tries = 600)
  void everyMessageSurvivesJsonAndBack(
      @ForAll("messages") Everything message, @ForAll("options") TranscoderOptions options)
      throws Exception {
    JsonCodec codec = TestProtos.codec(options);
    ResponsePlan plan =
        ResponsePlan.compile(TestProtos.method("gangway.test.kitchen.Kitchen.EchoBody"), "", codec);

    String json = new String(plan.render(message.toByteArray()).body(), StandardCharsets.UTF_8);
    Everything.Builder parsed = Everything.newBuilder();
    com.google.protobuf.util.JsonFormat.parser().usingTypeRegistry(TestProtos.TYPES)
        .merge(json, parsed);

    assertThat(parsed.build()).as(json).isEqualTo(message);
  }

  @Provide
  Arbitrary<Everything> messages() {
    return EverythingArbitraries.everything();
  }

  @Provide
  Arbitrary<TranscoderOptions> options() {
    return Combinators.combine(
            Arbitraries.of(JsonFieldNames.class),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (names, defaults, enumNumbers) ->
                TranscoderOptions.builder()
                    .jsonFieldNames(names)
                    .emitDefaultValues(defaults)
                    .enumsAsNumbers(enumNumbers)
                    .build());
  }
}
