package dev.gangway.transcoder.internal.json;

import static dev.gangway.transcoder.internal.json.TestProtos.method;
import static dev.gangway.transcoder.internal.json.TestProtos.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.Code;
import dev.gangway.test.kitchen.Everything;
import dev.gangway.test.kitchen.Nested;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.render.RenderedBody;
import gangway.invalid.BrokenOuterClass;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ResponsePlanTest {
  private static final JsonCodec DEFAULT_CODEC = TestProtos.codec(TranscoderOptions.DEFAULT);
  private static final MethodDescriptor ECHO =
      method("gangway.test.kitchen.Kitchen.EchoResponseBody");

  @TestFactory
  Stream<DynamicTest> rendersTheCasesOfResponseCasesYaml() {
    return TestProtos.cases("/json/response-cases.yaml").stream()
        .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
  }

  private static void check(ObjectNode c) throws Exception {
    MethodDescriptor method = method(c.get("method").asText());
    String responseBody = c.has("responseBody") ? c.get("responseBody").asText() : "";
    JsonCodec codec = TestProtos.codec(TestProtos.options(c.get("options")));
    byte[] response =
        TestProtos.text(method.getOutputType(), c.get("response").asText()).toByteArray();

    RenderedBody body = ResponsePlan.compile(method, responseBody, codec).render(response);

    if (c.has("json")) {
      assertThat(body.contentType()).isEqualTo("application/json");
      JsonNode actual = tree(new String(body.body(), StandardCharsets.UTF_8));
      assertThat(actual).isEqualTo(tree(c.get("json").asText()));
    } else {
      byte[] expected =
          c.has("raw")
              ? c.get("raw").asText().getBytes(StandardCharsets.UTF_8)
              : Base64.getDecoder().decode(c.get("rawBase64").asText());
      assertThat(body.contentType()).isEqualTo(c.get("contentType").asText());
      assertThat(body.body()).isEqualTo(expected);
    }
  }

  @Test
  void writesCompactUtf8() throws Exception {
    Everything response =
        Everything.newBuilder()
            .setStringValue("日本 😀")
            .setNested(Nested.newBuilder().setLabel("a").addNotes("n"))
            .build();

    RenderedBody body =
        ResponsePlan.compile(ECHO, "", DEFAULT_CODEC).render(response.toByteArray());

    assertThat(body.body())
        .isEqualTo(
            "{\"stringValue\":\"日本 😀\",\"nested\":{\"label\":\"a\",\"notes\":[\"n\"]}}"
                .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void selectedFieldIsWrittenCompact() throws Exception {
    Everything response =
        Everything.newBuilder().putStringMap("k", "v").putStringMap("k2", "w").build();

    RenderedBody body =
        ResponsePlan.compile(ECHO, "string_map", DEFAULT_CODEC).render(response.toByteArray());

    assertThat(new String(body.body(), StandardCharsets.UTF_8))
        .isIn("{\"k\":\"v\",\"k2\":\"w\"}", "{\"k2\":\"w\",\"k\":\"v\"}");
  }

  @Test
  void defaultValueSentExplicitlyOnTheWireIsStillWritten() throws Exception {
    // Field 4 (int64_value), varint 0: proto3 writers omit it, but the wire allows it.
    byte[] response = {0x20, 0x00};

    RenderedBody body = ResponsePlan.compile(ECHO, "int64_value", DEFAULT_CODEC).render(response);

    assertThat(new String(body.body(), StandardCharsets.UTF_8)).isEqualTo("\"0\"");
  }

  @Test
  void rejectsResponseBodyNamingNoField() {
    MethodDescriptor broken =
        BrokenOuterClass.getDescriptor()
            .findServiceByName("Broken")
            .findMethodByName("MissingResponseBody");

    assertThatThrownBy(() -> ResponsePlan.compile(broken, "nope", DEFAULT_CODEC))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessage("response_body \"nope\": no such field in gangway.invalid.Req");
  }

  @Test
  void rejectsDottedResponseBody() {
    MethodDescriptor fine =
        BrokenOuterClass.getDescriptor().findServiceByName("Broken").findMethodByName("Fine");

    assertThatThrownBy(() -> ResponsePlan.compile(fine, "inner.value", DEFAULT_CODEC))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessage(
            "response_body \"inner.value\": no such field in gangway.invalid.Req"
                + " (only top-level fields may be named)");
  }

  @Test
  void rejectsResponseBodyNamingNoFieldOfHttpBody() {
    // Download returns google.api.HttpBody, which has no field "payload".
    assertThatThrownBy(
            () -> ResponsePlan.compile(method("gangway.test.kitchen.Kitchen.Download"), "payload",
                DEFAULT_CODEC))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessage("response_body \"payload\": no such field in google.api.HttpBody");
  }

  @Test
  void knowsWhichResponsesAreRawBytes() throws Exception {
    assertThat(ResponsePlan.compile(method("gangway.test.kitchen.Kitchen.Download"), "",
        DEFAULT_CODEC).rawBytes()).isTrue();
    assertThat(ResponsePlan.compile(method("gangway.test.kitchen.Kitchen.DownloadField"),
        "payload", DEFAULT_CODEC).rawBytes()).isTrue();
    assertThat(ResponsePlan.compile(method("gangway.test.kitchen.Kitchen.DownloadField"),
        "name", DEFAULT_CODEC).rawBytes()).isFalse();
    assertThat(ResponsePlan.compile(ECHO, "", DEFAULT_CODEC).rawBytes()).isFalse();
  }

  @Test
  void responseThatDoesNotParseIsInternalError() throws Exception {
    ResponsePlan plan = ResponsePlan.compile(ECHO, "", DEFAULT_CODEC);
    byte[] truncated = {0x72, 0x05, 'a'}; // field 14 (string_value), length 5, one byte

    assertThatThrownBy(() -> plan.render(truncated))
        .isInstanceOfSatisfying(
            TranscodingException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Code.INTERNAL);
              assertThat(e.httpStatus()).isEqualTo(500);
            })
        .hasMessage("response is not a valid gangway.test.kitchen.Everything");
  }

  @Test
  void responseHoldingAnyOfUnknownTypeIsInternalError() throws Exception {
    Everything response =
        Everything.newBuilder()
            .setAny(Any.newBuilder().setTypeUrl("type.googleapis.com/x.Unknown"))
            .build();

    for (String responseBody : new String[] {"", "any"}) {
      ResponsePlan plan = ResponsePlan.compile(ECHO, responseBody, DEFAULT_CODEC);
      assertThatThrownBy(() -> plan.render(response.toByteArray()))
          .isInstanceOfSatisfying(
              TranscodingException.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
          .hasMessage("response gangway.test.kitchen.Everything cannot be written as JSON");
    }
  }

  @Test
  void structNumberThatIsNotFiniteIsInternalError() throws Exception {
    Everything response =
        Everything.newBuilder()
            .setStructValue(
                Struct.newBuilder()
                    .putFields("n", Value.newBuilder().setNumberValue(Double.NaN).build()))
            .build();
    ResponsePlan plan = ResponsePlan.compile(ECHO, "struct_value", DEFAULT_CODEC);

    assertThatThrownBy(() -> plan.render(response.toByteArray()))
        .isInstanceOf(TranscodingException.class)
        .hasMessage("response gangway.test.kitchen.Everything cannot be written as JSON");
  }

  @Test
  void planIsReusableAcrossResponses() throws Exception {
    ResponsePlan plan = ResponsePlan.compile(ECHO, "string_value", DEFAULT_CODEC);

    for (String value : new String[] {"a", "", "c"}) {
      byte[] response = Everything.newBuilder().setStringValue(value).build().toByteArray();
      assertThat(new String(plan.render(response).body(), StandardCharsets.UTF_8))
          .isEqualTo("\"" + value + "\"");
    }
  }
}
