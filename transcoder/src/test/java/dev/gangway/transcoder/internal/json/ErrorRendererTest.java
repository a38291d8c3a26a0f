package dev.gangway.transcoder.internal.json;

import static dev.gangway.transcoder.internal.json.TestProtos.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.Code;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.Status;
import dev.gangway.test.kitchen.KitchenOuterClass;
import dev.gangway.test.library.LibraryOuterClass;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.render.RenderedError;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ErrorRendererTest {
  /** Reads the cases' expanded Anys; the renderer itself gets only the snapshot's types. */
  private static final TypeRegistry CASE_TYPES =
      TypeRegistry.newBuilder()
          .add(KitchenOuterClass.getDescriptor().getMessageTypes())
          .add(LibraryOuterClass.getDescriptor().getMessageTypes())
          .add(ErrorDetailsProto.getDescriptor().getMessageTypes())
          .add(Duration.getDescriptor())
          .build();

  private static final ErrorRenderer DEFAULT =
      new ErrorRenderer(TestProtos.codec(TranscoderOptions.DEFAULT));

  @TestFactory
  Stream<DynamicTest> rendersTheCasesOfErrorCasesYaml() {
    return TestProtos.cases("/errors/error-cases.yaml").stream()
        .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
  }

  private static void check(ObjectNode c) {
    ErrorRenderer renderer =
        new ErrorRenderer(TestProtos.codec(TestProtos.options(c.get("options"))));
    Status status =
        Status.newBuilder()
            .mergeFrom(
                TestProtos.text(Status.getDescriptor(), c.get("status").asText(), CASE_TYPES))
            .build();

    RenderedError error = renderer.render(status);

    assertThat(error.httpStatus()).isEqualTo(c.get("http").asInt());
    assertThat(error.contentType()).isEqualTo("application/json");
    assertThat(tree(body(error))).isEqualTo(tree(c.get("body").asText()));
  }

  @Test
  void writesCompactUtf8() {
    RenderedError error =
        DEFAULT.render(
            Status.newBuilder().setCode(5).setMessage("livre « x » introuvable").build());

    assertThat(error.body())
        .isEqualTo(
            "{\"code\":5,\"message\":\"livre « x » introuvable\",\"details\":[]}"
                .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void transcodingExceptionKeepsItsHttpStatusAndCode() {
    RenderedError error =
        DEFAULT.render(
            TranscodingException.unsupportedMediaType("body: expected application/json"));

    assertThat(error.httpStatus()).isEqualTo(415);
    assertThat(tree(body(error)))
        .isEqualTo(
            tree("{\"code\":3,\"message\":\"body: expected application/json\",\"details\":[]}"));
  }

  @Test
  void gatewayErrorWithItsOwnHttpStatus() {
    RenderedError error = DEFAULT.render(405, Code.UNIMPLEMENTED, "method DELETE not allowed");

    assertThat(error.httpStatus()).isEqualTo(405);
    assertThat(tree(body(error)))
        .isEqualTo(tree("{\"code\":12,\"message\":\"method DELETE not allowed\",\"details\":[]}"));
  }

  @Test
  void unrecognizedCodeFallsBackToTheConstantBody() {
    // Code.UNRECOGNIZED has no number: the renderer cannot write it and must not throw.
    RenderedError error = DEFAULT.render(500, Code.UNRECOGNIZED, "x");

    assertThat(error).isSameAs(ErrorRenderer.FALLBACK);
  }

  @Test
  void fallbackIsAConstantInternalError() {
    assertThat(ErrorRenderer.FALLBACK.httpStatus()).isEqualTo(500);
    assertThat(tree(body(ErrorRenderer.FALLBACK)))
        .isEqualTo(tree("{\"code\":13,\"message\":\"error rendering failed\"}"));
  }

  @Test
  void anyFailureWhileRenderingGivesTheFallback() {
    RenderedError error =
        ErrorRenderer.guarded(
            () -> {
              throw new IllegalStateException("printer broke");
            });

    assertThat(error).isSameAs(ErrorRenderer.FALLBACK);
  }

  @Test
  void unknownDetailDoesNotHideTheOthers() {
    Status status =
        Status.newBuilder()
            .setCode(3)
            .addDetails(Any.newBuilder().setTypeUrl("type.googleapis.com/x.Unknown"))
            .addDetails(Any.pack(com.google.rpc.ErrorInfo.newBuilder().setReason("R").build()))
            .build();

    RenderedError error = DEFAULT.render(status);

    assertThat(tree(body(error)))
        .isEqualTo(
            tree(
                "{\"code\":3,\"message\":\"\",\"details\":["
                    + "{\"@type\":\"type.googleapis.com/x.Unknown\",\"value\":\"\"},"
                    + "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                    + "\"reason\":\"R\"}]}"));
  }

  private static String body(RenderedError error) {
    return new String(error.body(), StandardCharsets.UTF_8);
  }
}
