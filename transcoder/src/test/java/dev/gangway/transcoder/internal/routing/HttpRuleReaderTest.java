package dev.gangway.transcoder.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.CustomHttpPattern;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.test.kitchen.KitchenOuterClass;
import dev.gangway.test.library.LibraryOuterClass;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.routing.HttpBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRuleReaderTest {

  /** One binding as a line of the golden files. */
  static String line(HttpBinding b) {
    return b.method().getFullName() + " " + b.origin() + "#" + b.index() + " " + b.describe()
        + " body=\"" + b.body() + "\" response_body=\"" + b.responseBody() + "\"";
  }

  static List<String> golden(String name) throws IOException {
    try (InputStream in = HttpRuleReaderTest.class.getResourceAsStream("/routing/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }

  private static List<String> lines(RuleReadResult result) {
    return result.bindings().stream().map(HttpRuleReaderTest::line).toList();
  }

  @Test
  void readsEveryLibraryRuleWithAutoMapping() throws IOException {
    RuleReadResult result =
        HttpRuleReader.read(LibraryOuterClass.getDescriptor().getServices(), true);
    assertThat(result.problems()).isEmpty();
    assertThat(lines(result)).containsExactlyElementsOf(golden("library-bindings.txt"));
  }

  @Test
  void readsEveryKitchenRuleWithoutAutoMapping() throws IOException {
    RuleReadResult result =
        HttpRuleReader.read(KitchenOuterClass.getDescriptor().getServices(), false);
    assertThat(result.problems()).isEmpty();
    assertThat(lines(result)).containsExactlyElementsOf(golden("kitchen-bindings.txt"));
  }

  @Test
  void invalidRulesBecomeProblemsAndTheRestIsServed() throws Exception {
    RuleReadResult result = HttpRuleReader.read(TestDescriptors.invalidServices(true), false);
    assertThat(lines(result)).containsExactlyElementsOf(golden("invalid-bindings.txt"));
    assertThat(result.problems()).map(LoadProblem::toString)
        .containsExactlyElementsOf(golden("invalid-problems.txt"));
  }

  @Test
  void readsRulesLeftInUnknownFieldsWhenAnnotationsWereNotRegistered() throws Exception {
    List<ServiceDescriptor> unregistered = TestDescriptors.invalidServices(false);
    MethodOptions fineOptions = unregistered.get(0).findMethodByName("Fine").getOptions();
    assertThat(fineOptions.hasExtension(com.google.api.AnnotationsProto.http)).isFalse();
    assertThat(fineOptions.getUnknownFields()
        .hasField(com.google.api.AnnotationsProto.HTTP_FIELD_NUMBER)).isTrue();

    RuleReadResult result = HttpRuleReader.read(unregistered, false);
    assertThat(lines(result)).containsExactlyElementsOf(golden("invalid-bindings.txt"));
    assertThat(result.problems()).map(LoadProblem::toString)
        .containsExactlyElementsOf(golden("invalid-problems.txt"));
  }

  @Test
  void autoMappingServesUnannotatedMethodsAtServiceSlashMethod() throws Exception {
    ServiceDescriptor service = TestDescriptors.serviceWithRules(
        null, HttpRule.newBuilder().setGet("/v1/x").build());
    assertThat(lines(HttpRuleReader.read(List.of(service), true))).containsExactly(
        "gangway.rules.Rules.M0 AUTO_MAPPING#0 POST /gangway.rules.Rules/M0 body=\"*\""
            + " response_body=\"\"",
        "gangway.rules.Rules.M1 ANNOTATION#0 GET /v1/x body=\"\" response_body=\"\"",
        "gangway.rules.Rules.M1 AUTO_MAPPING#0 POST /gangway.rules.Rules/M1 body=\"*\""
            + " response_body=\"\"");
    assertThat(lines(HttpRuleReader.read(List.of(service), false))).containsExactly(
        "gangway.rules.Rules.M1 ANNOTATION#0 GET /v1/x body=\"\" response_body=\"\"");
  }

  @Test
  void customKindIsUpperCasedAndStarMeansAnyMethod() throws Exception {
    ServiceDescriptor service = TestDescriptors.serviceWithRules(
        custom("report", "/v1/dav"), custom("*", "/v1/any"), custom("HEAD", "/v1/ping"));
    RuleReadResult result = HttpRuleReader.read(List.of(service), false);
    assertThat(result.problems()).isEmpty();
    assertThat(result.bindings()).map(HttpBinding::describe)
        .containsExactly("REPORT /v1/dav", "* /v1/any", "HEAD /v1/ping");
  }

  @Test
  void customKindThatIsNoHttpMethodIsAProblem() throws Exception {
    ServiceDescriptor service = TestDescriptors.serviceWithRules(
        custom("", "/v1/a"), custom("GE T", "/v1/b"));
    RuleReadResult result = HttpRuleReader.read(List.of(service), false);
    assertThat(result.bindings()).isEmpty();
    assertThat(result.problems()).map(LoadProblem::toString).containsExactly(
        "gangway.rules.Rules.M0: google.api.http: custom kind '' is not an HTTP method (nor '*')",
        "gangway.rules.Rules.M1: google.api.http: custom kind 'GE T' is not an HTTP method"
            + " (nor '*')");
  }

  @Test
  void badAdditionalBindingCostsOnlyItself() throws Exception {
    HttpRule rule = HttpRule.newBuilder()
        .setGet("/v1/ok")
        .addAdditionalBindings(HttpRule.newBuilder().setPost("/v1/bad/{id").setBody("*"))
        .addAdditionalBindings(HttpRule.newBuilder().setBody("*"))
        .addAdditionalBindings(HttpRule.newBuilder().setPut(""))
        .addAdditionalBindings(HttpRule.newBuilder().setDelete("/v1/also/{id}"))
        .build();
    RuleReadResult result =
        HttpRuleReader.read(List.of(TestDescriptors.serviceWithRules(rule)), false);
    assertThat(lines(result)).containsExactly(
        "gangway.rules.Rules.M0 ANNOTATION#0 GET /v1/ok body=\"\" response_body=\"\"",
        "gangway.rules.Rules.M0 ADDITIONAL_BINDING#4 DELETE /v1/also/{id} body=\"\""
            + " response_body=\"\"");
    assertThat(result.problems()).map(LoadProblem::toString).containsExactly(
        "gangway.rules.Rules.M0: POST /v1/bad/{id: template /v1/bad/{id: unclosed '{' (index 8)",
        "gangway.rules.Rules.M0: additional_bindings[1] sets no pattern: one of get, put, post,"
            + " delete, patch or custom is required",
        "gangway.rules.Rules.M0: additional_bindings[2]: PUT has an empty path template");
  }

  @Test
  void nestedAdditionalBindingsAreReportedAndNotServed() throws Exception {
    HttpRule rule = HttpRule.newBuilder()
        .setGet("/v1/a")
        .addAdditionalBindings(HttpRule.newBuilder().setGet("/v1/b")
            .addAdditionalBindings(HttpRule.newBuilder().setGet("/v1/c"))
            .addAdditionalBindings(HttpRule.newBuilder().setGet("/v1/d")))
        .addAdditionalBindings(HttpRule.newBuilder().setBody("*")
            .addAdditionalBindings(HttpRule.newBuilder().setGet("/v1/e")))
        .build();
    RuleReadResult result =
        HttpRuleReader.read(List.of(TestDescriptors.serviceWithRules(rule)), false);
    assertThat(result.bindings()).map(HttpBinding::describe)
        .containsExactly("GET /v1/a", "GET /v1/b");
    assertThat(result.problems()).map(LoadProblem::message).containsExactly(
        "GET /v1/b: additional_bindings must not nest (only one level is allowed); its 2 nested"
            + " bindings are not served",
        "additional_bindings[1] sets no pattern: one of get, put, post, delete, patch or custom"
            + " is required",
        "additional_bindings[1]: additional_bindings must not nest (only one level is allowed);"
            + " its 1 nested binding is not served");
  }

  private static HttpRule custom(String kind, String path) {
    return HttpRule.newBuilder()
        .setCustom(CustomHttpPattern.newBuilder().setKind(kind).setPath(path))
        .build();
  }
}
