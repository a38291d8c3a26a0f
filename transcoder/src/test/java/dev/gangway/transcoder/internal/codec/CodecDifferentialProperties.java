package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.transcoder.internal.json.EverythingArbitrariesAccess;
import dev.gangway.transcoder.internal.json.TestProtos;
import dev.gangway.transcoder.options.JsonInputLimits;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compiled codec against JsonFormat as the oracle, on random {@link Everything} messages of
 * every field kind (scalars at their extremes, NaN, Unicode, unknown enum numbers, repeated,
 * maps, oneof, optional, json_name, every well-known type, Any), under every print option:
 *
 * <ul>
 *   <li>wire -> JSON: the codec's JSON and JsonFormat's JSON are the same JSON value;
 *   <li>JSON -> wire: the codec reads JsonFormat's JSON (both name spellings, enums as names or
 *       numbers, defaults printed or not) back into exactly the message JsonFormat printed.
 * </ul>
 *
 * <p>Deliberate differences (stricter input rules, string escaping) are listed in
 * docs/mapping.md and tested as cases, not here.
 */
class CodecDifferentialProperties {
  private static final ObjectMapper TREES = new ObjectMapper();

  @Property(tries = 400)
  void printsWhatJsonFormatPrints(
      @ForAll("messages") Everything message,
      @ForAll boolean protoNames,
      @ForAll boolean defaults,
      @ForAll boolean enumNumbers)
      throws Exception {
    CompiledCodec codec =
        new CompiledCodec(TestProtos.TYPES, protoNames, defaults, enumNumbers, false, JsonInputLimits.DEFAULT);
    String expected = oracle(protoNames, defaults, enumNumbers).print(message);

    byte[] actual = codec.toJson(codec.schema(Everything.getDescriptor()), message.toByteArray());

    assertThat(tree(actual)).as(expected).isEqualTo(TREES.readTree(expected));
  }

  @Property(tries = 400)
  void readsWhatJsonFormatPrints(
      @ForAll("messages") Everything message,
      @ForAll boolean protoNames,
      @ForAll boolean defaults,
      @ForAll boolean enumNumbers)
      throws Exception {
    CompiledCodec codec = new CompiledCodec(TestProtos.TYPES, false, false, false, false, JsonInputLimits.DEFAULT);
    byte[] json =
        oracle(protoNames, defaults, enumNumbers).print(message).getBytes(StandardCharsets.UTF_8);

    byte[] wire = codec.toWire(codec.schema(Everything.getDescriptor()), json, 0, json.length);

    assertThat(Everything.parseFrom(wire)).isEqualTo(message);
  }

  @Property(tries = 200)
  void readsBackItsOwnJson(@ForAll("messages") Everything message) throws Exception {
    CompiledCodec codec = new CompiledCodec(TestProtos.TYPES, false, false, false, false, JsonInputLimits.DEFAULT);
    MessageSchema type = codec.schema(Everything.getDescriptor());
    byte[] json = codec.toJson(type, message.toByteArray());

    byte[] wire = codec.toWire(type, json, 0, json.length);

    assertThat(Everything.parseFrom(wire)).isEqualTo(message);
    Everything.Builder viaOracle = Everything.newBuilder();
    JsonFormat.parser().usingTypeRegistry(TestProtos.TYPES)
        .merge(new String(json, StandardCharsets.UTF_8), viaOracle);
    assertThat(viaOracle.build()).isEqualTo(message);
  }

  /**
   * Two messages' wire bytes one after the other are their merge, as protobuf parses it: a map
   * key given twice keeps its last value, the last singular value and the last oneof member win,
   * repeated fields append and message fields merge. The first message comes again at the end,
   * so every key of its maps is repeated. The oracle parses into a DynamicMessage: a generated
   * builder merges a oneof message member into the one it held before a rival member replaced
   * it, where the spec (and DynamicMessage, and the codec) starts it afresh.
   */
  @Property(tries = 300)
  void printsConcatenatedWireAsItsMerge(
      @ForAll("messages") Everything first, @ForAll("messages") Everything second)
      throws Exception {
    CompiledCodec codec =
        new CompiledCodec(TestProtos.TYPES, false, false, false, false, JsonInputLimits.DEFAULT);
    byte[] wire = first.toByteString().concat(second.toByteString())
        .concat(first.toByteString()).toByteArray();
    MessageSchema type = codec.schema(Everything.getDescriptor());
    String expected;
    try {
      expected = oracle(false, false, false)
          .print(DynamicMessage.parseFrom(Everything.getDescriptor(), wire));
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      // merged seconds and nanos of opposite signs: no JSON form, for either side
      assertThatThrownBy(() -> codec.toJson(type, wire)).isInstanceOf(CodecException.class);
      return;
    }

    byte[] actual = codec.toJson(type, wire);

    assertThat(tree(actual)).as(expected).isEqualTo(TREES.readTree(expected));
  }

  /**
   * Members in any order read the same: clients need not list fields by number as JsonFormat
   * does. Objects are shuffled at every depth, so elements of one array differ in order.
   */
  @Property(tries = 300)
  void readsMembersInAnyOrder(@ForAll("messages") Everything message, @ForAll long seed)
      throws Exception {
    CompiledCodec codec =
        new CompiledCodec(TestProtos.TYPES, false, false, false, false, JsonInputLimits.DEFAULT);
    JsonNode printed = TREES.readTree(oracle(false, false, false).print(message));
    byte[] json = TREES.writeValueAsBytes(shuffled(printed, new java.util.Random(seed)));

    byte[] wire = codec.toWire(codec.schema(Everything.getDescriptor()), json, 0, json.length);

    assertThat(Everything.parseFrom(wire)).isEqualTo(message);
  }

  private static JsonNode shuffled(JsonNode node, java.util.Random random) {
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = TREES.createArrayNode();
      node.forEach(e -> copy.add(shuffled(e, random)));
      return copy;
    }
    if (!node.isObject() || node.has("@type")) {
      return node; // an Any's payload is bytes: written in member order, compared as bytes
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    java.util.Collections.shuffle(names, random);
    com.fasterxml.jackson.databind.node.ObjectNode copy = TREES.createObjectNode();
    for (String name : names) {
      copy.set(name, shuffled(node.get(name), random));
    }
    return copy;
  }

  @Provide
  Arbitrary<Everything> messages() {
    return Arbitraries.oneOf(
        EverythingArbitrariesAccess.everything(),
        EverythingArbitrariesAccess.wrappers(),
        EverythingArbitrariesAccess.choice());
  }

  private static JsonFormat.Printer oracle(boolean protoNames, boolean defaults, boolean enums) {
    JsonFormat.Printer p =
        JsonFormat.printer().usingTypeRegistry(TestProtos.TYPES).omittingInsignificantWhitespace();
    if (protoNames) {
      p = p.preservingProtoFieldNames();
    }
    if (defaults) {
      p = p.alwaysPrintFieldsWithNoPresence();
    }
    if (enums) {
      p = p.printingEnumsAsInts();
    }
    return p;
  }

  private static JsonNode tree(byte[] json) throws Exception {
    return TREES.readTree(json);
  }
}
