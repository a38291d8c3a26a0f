package dev.gangway.transcoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import dev.gangway.transcoder.descriptor.DescriptorLoader;
import dev.gangway.transcoder.descriptor.DescriptorSource;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.render.RenderedBody;
import dev.gangway.transcoder.render.RenderedError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every case table under {@code src/test/resources/cases/} through the public
 * {@link Transcoder} API: request -> method + message, response -> JSON, status -> HTTP + body,
 * and the negative cases with their status and exact message.
 */
class TranscoderCasesTest {

  @TestFactory
  Stream<DynamicNode> caseTables() {
    return CaseTable.all().stream()
        .map(table -> {
          Transcoder transcoder = transcoderFor(table);
          List<DynamicNode> tests = new ArrayList<>();
          for (JsonNode c : table.cases()) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> run(transcoder, c)));
          }
          return DynamicContainer.dynamicContainer(table.file().getFileName().toString(), tests);
        });
  }

  @Test
  void tablesHoldAtLeastTwoHundredCases() {
    int count = CaseTable.all().stream().mapToInt(t -> t.cases().size()).sum();
    assertThat(count).isGreaterThanOrEqualTo(200);
  }

  private static Transcoder transcoderFor(CaseTable table) {
    List<DescriptorSource> sources =
        table.descriptors().stream().map(d -> DescriptorSource.path(Path.of(d))).toList();
    return Transcoder.build(DescriptorLoader.load(sources), table.options());
  }

  private static void run(Transcoder transcoder, JsonNode c) throws Exception {
    JsonNode expect = c.path("expect");
    if (c.has("grpcStatus")) {
      checkStatus(transcoder, c.get("grpcStatus"), expect);
      return;
    }
    TranscoderRequest request = request(c.get("request"));
    TranscodedRequest call;
    try {
      call = transcoder.transcode(request);
    } catch (TranscodingException e) {
      if (!expect.has("status")) {
        fail("unexpected " + e.httpStatus() + " " + e.getMessage());
      }
      checkError(transcoder.renderError(e), expect);
      return;
    }
    if (expect.has("status") && !c.has("response")) {
      fail("expected " + expect.get("status") + " but bound " + call.route().describe());
    }
    assertThat(call.route().method().getFullName()).isEqualTo(expect.path("grpcMethod").asText());
    if (expect.has("message")) {
      Descriptor input = call.route().method().getInputType();
      DynamicMessage actual = DynamicMessage.parseFrom(input, call.message());
      DynamicMessage expected = parse(transcoder, input, expect.get("message"));
      assertThat(print(transcoder, actual)).isEqualTo(print(transcoder, expected));
      assertThat(actual).isEqualTo(expected);
    }
    if (c.has("response")) {
      checkResponse(transcoder, call.route(), c.get("response"), expect.get("response"));
    }
  }

  private static void checkResponse(
      Transcoder transcoder, MethodRoute route, JsonNode response, JsonNode expect) throws Exception {
    DynamicMessage message = parse(transcoder, route.method().getOutputType(), response);
    RenderedBody body = transcoder.render(route, message.toByteArray());
    if (expect.has("json")) {
      assertThat(body.contentType()).isEqualTo("application/json");
      assertThat(CaseTable.JSON.readTree(body.body())).isEqualTo(expect.get("json"));
    } else {
      assertThat(body.contentType()).isEqualTo(expect.path("contentType").asText());
      assertThat(new String(body.body(), StandardCharsets.UTF_8))
          .isEqualTo(expect.path("text").asText());
    }
  }

  private static void checkStatus(Transcoder transcoder, JsonNode status, JsonNode expect)
      throws Exception {
    com.google.rpc.Status.Builder proto = com.google.rpc.Status.newBuilder()
        .setCode(status.path("code").asInt())
        .setMessage(status.path("message").asText());
    for (JsonNode detail : status.path("details")) {
      if (detail.has("rawTypeUrl")) {
        proto.addDetails(Any.newBuilder()
            .setTypeUrl(detail.get("rawTypeUrl").asText())
            .setValue(com.google.protobuf.ByteString.copyFrom(
                Base64.getDecoder().decode(detail.path("rawValue").asText())))
            .build());
      } else {
        Any.Builder any = Any.newBuilder();
        JsonFormat.parser()
            .usingTypeRegistry(transcoder.descriptors().typeRegistry())
            .merge(detail.toString(), any);
        proto.addDetails(any.build());
      }
    }
    RenderedError rendered = transcoder.renderError(proto.build());
    assertThat(rendered.httpStatus()).isEqualTo(expect.path("status").asInt());
    assertThat(CaseTable.JSON.readTree(rendered.body())).isEqualTo(expect.get("body"));
  }

  private static void checkError(RenderedError rendered, JsonNode expect) throws Exception {
    assertThat(rendered.httpStatus()).isEqualTo(expect.path("status").asInt());
    JsonNode body = CaseTable.JSON.readTree(rendered.body());
    assertThat(body.path("code").asInt())
        .as("code")
        .isEqualTo(Code.valueOf(expect.path("code").asText()).getNumber());
    assertThat(body.path("message").asText()).isEqualTo(expect.path("message").asText());
  }

  private static TranscoderRequest request(JsonNode r) throws Exception {
    byte[] body = new byte[0];
    if (r.has("json")) {
      body = CaseTable.JSON.writeValueAsBytes(r.get("json"));
    } else if (r.has("body")) {
      body = r.get("body").asText().getBytes(StandardCharsets.UTF_8);
    } else if (r.has("bodyBase64")) {
      body = Base64.getDecoder().decode(r.get("bodyBase64").asText());
    }
    String contentType = r.has("contentType")
        ? r.get("contentType").asText()
        : (body.length > 0 ? "application/json" : "");
    return TranscoderRequest.of(r.path("method").asText(), r.path("path").asText(), contentType, body);
  }

  private static DynamicMessage parse(Transcoder transcoder, Descriptor type, JsonNode json)
      throws Exception {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    JsonFormat.parser()
        .usingTypeRegistry(transcoder.descriptors().typeRegistry())
        .merge(CaseTable.JSON.writeValueAsString(json), builder);
    return builder.build();
  }

  private static String print(Transcoder transcoder, DynamicMessage message) throws Exception {
    return JsonFormat.printer()
        .usingTypeRegistry(transcoder.descriptors().typeRegistry())
        .print(message);
  }
}
