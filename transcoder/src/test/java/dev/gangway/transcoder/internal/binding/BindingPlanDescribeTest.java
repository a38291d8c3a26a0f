package dev.gangway.transcoder.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.UnknownInput;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan's own account of itself, for the admin "explain" output. */
class BindingPlanDescribeTest {
  private static final String ECHO_QUERY = "gangway.test.kitchen.Kitchen.EchoQuery";

  @Test
  void describesPathBodyAndQuery() throws Exception {
    BindingPlan plan = BindingFixtures.plan("gangway.test.library.v1.Library.UpdateBook",
        "PATCH /v1/{book.name=shelves/*/books/*}", "book", TranscoderOptions.DEFAULT);

    assertThat(plan.describe()).isEqualTo(new PlanDescription(
        "PATCH /v1/{book.name=shelves/*/books/*}",
        "gangway.test.library.v1.UpdateBookRequest",
        List.of("{book.name=shelves/*/books/*} -> book.name (multi-segment: %2F stays encoded)"),
        "field book (JSON: the value of that field)",
        List.of("update_mask")));
    assertThat(plan.inputType().getFullName())
        .isEqualTo("gangway.test.library.v1.UpdateBookRequest");
  }

  @Test
  void listsNoQueryParametersUnderBodyStar() throws Exception {
    BindingPlan plan = BindingFixtures.plan("gangway.test.kitchen.Kitchen.UploadRaw",
        "POST /v1/raw", "*", TranscoderOptions.DEFAULT);

    assertThat(plan.describe().body())
        .isEqualTo("* (raw bytes: the request is a google.api.HttpBody)");
    assertThat(plan.describe().queryParameters()).isEmpty();
    assertThat(plan.queryParameterProblem("data"))
        .contains("query parameter data: not allowed, body \"*\" binds every field not in the"
            + " path");
  }

  @Test
  void knowsWhichBodiesAreRawBytes() throws Exception {
    assertThat(BindingFixtures.plan("gangway.test.kitchen.Kitchen.UploadRaw", "POST /v1/raw", "*",
        TranscoderOptions.DEFAULT).rawBody()).isTrue();
    assertThat(BindingFixtures.plan("gangway.test.kitchen.Kitchen.Upload", "POST /v1/files/{name}",
        "payload", TranscoderOptions.DEFAULT).rawBody()).isTrue();
    assertThat(BindingFixtures.plan("gangway.test.kitchen.Kitchen.Upload", "POST /v1/files/{name}",
        "*", TranscoderOptions.DEFAULT).rawBody()).isFalse();
    assertThat(BindingFixtures.plan(ECHO_QUERY, "GET /v1/echo/{string_value}", "",
        TranscoderOptions.DEFAULT).rawBody()).isFalse();
  }

  @Test
  void listsQueryParametersByShape() throws Exception {
    BindingPlan plan = BindingFixtures.plan(ECHO_QUERY,
        "GET /v1/echo/{string_value}/{nested.label}", "", TranscoderOptions.DEFAULT);

    assertThat(plan.describe().pathBindings())
        .containsExactly("{string_value} -> string_value", "{nested.label} -> nested.label");
    assertThat(plan.describe().body()).isEqualTo("none (a request body is rejected)");
    assertThat(plan.describe().queryParameters())
        .contains("int32_value", "repeated_int32 (repeated)", "nested.*", "timestamp",
            "repeated_timestamp (repeated)")
        .doesNotContain("string_value", "string_map", "repeated_nested", "struct_value");
  }

  @Test
  void explainsWhyAQueryParameterWouldBeRejected() throws Exception {
    BindingPlan plan = BindingFixtures.plan(ECHO_QUERY,
        "GET /v1/echo/{string_value}/{nested.label}", "", TranscoderOptions.DEFAULT);

    assertThat(plan.queryParameterProblem("nested.count")).isEmpty();
    assertThat(plan.queryParameterProblem("nestedCount"))
        .contains("unknown query parameter \"nestedCount\"");
    assertThat(plan.queryParameterProblem("nested.label"))
        .contains("query parameter nested.label: not allowed, field nested.label is bound by"
            + " the path");
    assertThat(plan.queryParameterProblem("nested"))
        .contains("query parameter nested: field nested is a message; set its fields, e.g."
            + " nested.label");
  }

  @Test
  void unknownAndIgnoredParametersAreNoProblemWhenTheOptionsDropThem() throws Exception {
    TranscoderOptions lenient = TranscoderOptions.builder()
        .unknownQueryParameters(UnknownInput.IGNORE)
        .ignoredQueryParameters(Set.of("nested"))
        .build();
    BindingPlan plan = BindingFixtures.plan(ECHO_QUERY, "GET /v1/echo", "", lenient);

    assertThat(plan.queryParameterProblem("colour")).isEmpty();
    assertThat(plan.queryParameterProblem("nested")).isEmpty();
    assertThat(plan.queryParameterProblem("string_map"))
        .contains("query parameter string_map: field string_map is a map; maps cannot be set"
            + " from query parameters");
  }

  @Test
  void rejectsNullArguments() throws Exception {
    BindingPlan plan =
        BindingFixtures.plan(ECHO_QUERY, "GET /v1/echo", "", TranscoderOptions.DEFAULT);

    assertThatThrownBy(() -> plan.bind(List.of("v1", "echo"), null, "", new byte[0]))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rawQuery");
    assertThatThrownBy(() -> BindingPlanCompiler.compile(null, TranscoderOptions.DEFAULT, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("binding");
  }
}
