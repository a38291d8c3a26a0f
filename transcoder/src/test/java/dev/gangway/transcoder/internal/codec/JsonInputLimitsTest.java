package dev.gangway.transcoder.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.test.kitchen.Everything;
import dev.gangway.transcoder.internal.json.TestProtos;
import dev.gangway.transcoder.options.JsonInputLimits;
import dev.gangway.transcoder.options.JsonInputLimits.Limit;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON limits hold wherever the codec reads JSON, in every kind of field that takes a
 * container (repeated, map, nested message, Struct, Value, ListValue), in members it skips, and
 * name their setting; just inside each limit, the same shape is read.
 */
class JsonInputLimitsTest {
  private static final JsonInputLimits TIGHT = new JsonInputLimits(
      new Limit(4, "depth.key"),
      new Limit(3, "entries.key"),
      new Limit(16, "string.key"),
      new Limit(5, "number.key"));
  private static final CompiledCodec CODEC =
      new CompiledCodec(TestProtos.TYPES, false, false, false, false, TIGHT);
  private static final CompiledCodec IGNORING =
      new CompiledCodec(TestProtos.TYPES, false, false, false, true, TIGHT);
  private static final MessageSchema EVERYTHING = CODEC.schema(Everything.getDescriptor());

  private static final String ENTRIES = "a JSON object or array has more than 3 entries (entries.key)";
  private static final String DEPTH = "JSON nested deeper than 4 (depth.key)";
  private static final String STRING =
      "a JSON string or member name is longer than 16 characters (string.key)";
  private static final String NUMBER = "a JSON number is longer than 5 characters (number.key)";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{'repeatedInt32': [1,2,3,4]}                      | {'repeatedInt32': [1,2,3]}         | " + ENTRIES,
      "{'stringMap': {'a':'','b':'','c':'','d':''}}      | {'stringMap': {'a':'','b':'','c':''}} | " + ENTRIES,
      "{'structValue': {'a':1,'b':2,'c':3,'d':4}}         | {'structValue': {'a':1,'b':2,'c':3}} | " + ENTRIES,
      "{'value': [1,2,3,4]}                              | {'value': [1,2,3]}                 | " + ENTRIES,
      "{'stringValue':'','doubleValue':1,'int32Value':1,'boolValue':true} | {'stringValue':'','doubleValue':1,'int32Value':1} | " + ENTRIES,
      "{'value': {'a': {'b': {'c': {}}}}}                | {'value': {'a': {'b': {}}}}        | " + DEPTH,
      "{'nested': {'child': {'child': {'child': {}}}}}   | {'nested': {'child': {'child': {}}}} | " + DEPTH,
      "{'stringValue': '12345678901234567'} | {'stringValue': '1234567890123456'}        | " + STRING,
      "{'value': '12345678901234567'}       | {'value': '1234567890123456'}              | " + STRING,
      "{'bytesValue': 'AAAAAAAAAAAAAAAAAAAA'} | {'bytesValue': 'AAAAAAAAAAAAAAAA'}       | " + STRING,
      "{'int64Value': 123456}                            | {'int64Value': 12345}              | " + NUMBER,
  })
  void eachLimitHoldsInEveryContainerAndNamesItsSetting(String over, String inside, String message)
      throws Exception {
    assertThatThrownBy(() -> CODEC.toWire(EVERYTHING, json(over), 0, json(over).length))
        .isInstanceOf(CodecException.class)
        .hasMessage(message);
    assertThat(CODEC.toWire(EVERYTHING, json(inside), 0, json(inside).length)).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{'unknown': [1,2,3,4]}                   | " + ENTRIES,
      "{'unknown': {'a':{'b':{'c':{}}}}}       | " + DEPTH,
      "{'unknown': ['12345678901234567']}               | " + STRING,
      "{'unknown': {'12345678901234567': 1}}            | " + STRING,
      "{'unknown': 123456}                      | " + NUMBER,
  })
  void skippedMembersAreHeldToTheSameLimits(String over, String message) {
    assertThatThrownBy(() -> IGNORING.toWire(EVERYTHING, json(over), 0, json(over).length))
        .isInstanceOf(CodecException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[1,2,3,4]               | " + ENTRIES,
      "[{'a':[1,2,3,4]}]       | " + ENTRIES,
      "[[[[[]]]]]              | " + DEPTH,
  })
  void anArrayIsSplitUnderTheLimits(String over, String message) {
    assertThatThrownBy(() -> CODEC.arrayElements(json(over), 0, json(over).length))
        .isInstanceOf(CodecException.class)
        .hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void anArraySplitsIntoItsElementsByteRanges() throws Exception {
    byte[] body = json(" [ {'n':1} , 'x', [2] ] ");
    int[] ranges = CODEC.arrayElements(body, 0, body.length);
    assertThat(ranges).hasSize(6);
    assertThat(slice(body, ranges, 0)).isEqualTo("{\"n\":1}");
    assertThat(slice(body, ranges, 1)).isEqualTo("\"x\"");
    assertThat(slice(body, ranges, 2)).isEqualTo("[2]");
  }

  private static String slice(byte[] body, int[] ranges, int element) {
    return new String(body, ranges[2 * element], ranges[2 * element + 1] - ranges[2 * element],
        StandardCharsets.UTF_8);
  }

  private static byte[] json(String singleQuoted) {
    return singleQuoted.strip().replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }
}
