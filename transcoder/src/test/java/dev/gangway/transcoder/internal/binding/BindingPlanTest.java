package dev.gangway.transcoder.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.PathBodyConflict;
import dev.gangway.transcoder.options.TranscoderOptions.UnknownInput;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the binding case tables under {@code src/test/resources/binding/}: each case names a
 * method, a rule (HTTP method, template, body) and optional options, then either a request with
 * the expected message (as JSON) or the expected 400/415 message, or the expected load error.
 */
class BindingPlanTest {
  private static final List<String> TABLES =
      List.of("path.yaml", "query.yaml", "scalars.yaml", "body.yaml", "httpbody.yaml",
          "conflict.yaml", "rules.yaml", "update-mask.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TestFactory
  Stream<DynamicNode> bindingCases() throws Exception {
    List<DynamicNode> tables = new ArrayList<>();
    for (String table : TABLES) {
      JsonNode cases;
      try (InputStream in = getClass().getResourceAsStream("/binding/" + table)) {
        cases = YAML.readTree(in);
      }
      List<DynamicTest> tests = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (JsonNode c : cases) {
        String name = c.get("name").asText();
        assertThat(names.add(name)).as("duplicate case name in %s: %s", table, name).isTrue();
        tests.add(DynamicTest.dynamicTest(name, () -> run(c)));
      }
      tables.add(DynamicContainer.dynamicContainer(table, tests));
    }
    return tables.stream();
  }

  private static void run(JsonNode c) throws Exception {
    String method = c.get("method").asText();
    String rule = c.get("rule").asText();
    String body = text(c, "body", "");
    TranscoderOptions options = options(c.get("options"));
    if (c.has("compileError")) {
      assertThatThrownBy(() -> BindingFixtures.plan(method, rule, body, options))
          .isInstanceOf(InvalidRuleException.class)
          .hasMessage(c.get("compileError").asText());
      return;
    }
    BindingPlan plan = BindingFixtures.plan(method, rule, body, options);
    String target = c.get("request").asText();
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? "" : target.substring(q + 1);
    List<String> segments = BindingFixtures.segments(rawPath, rule.contains(":"));
    String contentType = text(c, "contentType", "");
    byte[] requestBody = requestBody(c);
    if (c.has("error")) {
      assertThatThrownBy(() -> plan.bind(segments, rawQuery, contentType, requestBody))
          .isInstanceOf(TranscodingException.class)
          .hasMessage(c.get("error").asText())
          .satisfies(e -> assertThat(((TranscodingException) e).httpStatus())
              .isEqualTo(c.has("status") ? c.get("status").asInt() : 400));
      return;
    }
    DynamicMessage actual = DynamicMessage.parseFrom(
        plan.inputType(), plan.bind(segments, rawQuery, contentType, requestBody));
    DynamicMessage.Builder expected = DynamicMessage.newBuilder(plan.inputType());
    JsonFormat.parser().usingTypeRegistry(BindingFixtures.TYPES)
        .merge(c.get("expect").asText(), expected);
    assertThat(json(actual)).isEqualTo(json(expected.build()));
    assertThat(actual).isEqualTo(expected.build());
  }

  private static String json(Message m) throws Exception {
    return JsonFormat.printer().usingTypeRegistry(BindingFixtures.TYPES).print(m);
  }

  private static String text(JsonNode c, String field, String otherwise) {
    return c.has(field) ? c.get(field).asText() : otherwise;
  }

  private static byte[] requestBody(JsonNode c) {
    if (c.has("requestBodyBase64")) {
      return Base64.getDecoder().decode(c.get("requestBodyBase64").asText());
    }
    return text(c, "requestBody", "").getBytes(StandardCharsets.UTF_8);
  }

  private static TranscoderOptions options(JsonNode o) {
    TranscoderOptions.Builder b = TranscoderOptions.builder();
    if (o == null) {
      return b.build();
    }
    o.fieldNames().forEachRemaining(key -> {
      JsonNode v = o.get(key);
      switch (key) {
        case "unknownQueryParameters" -> b.unknownQueryParameters(UnknownInput.valueOf(v.asText()));
        case "unknownBodyFields" -> b.unknownBodyFields(UnknownInput.valueOf(v.asText()));
        case "queryPlusAsSpace" -> b.queryPlusAsSpace(v.asBoolean());
        case "fillUpdateMask" -> b.fillUpdateMask(v.asBoolean());
        case "pathBodyConflict" -> b.pathBodyConflict(PathBodyConflict.valueOf(v.asText()));
        case "ignoredQueryParameters" -> {
          Set<String> names = new HashSet<>();
          v.forEach(n -> names.add(n.asText()));
          b.ignoredQueryParameters(names);
        }
        default -> throw new IllegalArgumentException("unknown option in case table: " + key);
      }
    });
    return b.build();
  }
}
