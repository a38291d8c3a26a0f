package dev.gangway.transcoder.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.test.kitchen.KitchenOuterClass;
import dev.gangway.test.library.LibraryOuterClass;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.routing.MatchResult;
import dev.gangway.transcoder.routing.RouteConflict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** HttpRuleReader and RouteTable together, over the test protos. */
class DescriptorRoutesTest {

  record RequestRow(String method, String path, String expect, List<String> allowed) {}

  private static RouteTable<HttpBinding> table(List<HttpBinding> bindings) {
    RouteTable.Builder<HttpBinding> builder =
        RouteTable.builder(BindingPrecedence.ORDER, BindingPrecedence::describe);
    bindings.forEach(b -> builder.add(b.httpMethod(), b.template(), b));
    return builder.build();
  }

  private static List<ServiceDescriptor> validServices() {
    List<ServiceDescriptor> services =
        new ArrayList<>(LibraryOuterClass.getDescriptor().getServices());
    services.addAll(KitchenOuterClass.getDescriptor().getServices());
    return services;
  }

  @TestFactory
  Stream<DynamicTest> requestsReachTheAnnotatedMethods() throws IOException {
    RuleReadResult rules = HttpRuleReader.read(validServices(), true);
    RouteTable<HttpBinding> table = table(rules.bindings());
    List<RequestRow> rows;
    try (InputStream in = getClass().getResourceAsStream("/routing/descriptor-routes.yaml")) {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      rows = yaml.readValue(in,
          yaml.getTypeFactory().constructCollectionType(List.class, RequestRow.class));
    }
    return rows.stream().map(r -> dynamicTest(r.method() + " " + r.path(), () -> {
      MatchResult<HttpBinding> result = table.match(r.method(), r.path());
      switch (r.expect()) {
        case "404" -> assertThat(result).isEqualTo(new MatchResult.NotFound<HttpBinding>());
        case "405" -> assertThat(result)
            .isEqualTo(new MatchResult.MethodNotAllowed<HttpBinding>(Set.copyOf(r.allowed())));
        default -> assertThat(result).isInstanceOfSatisfying(MatchResult.Matched.class,
            m -> assertThat(BindingPrecedence.describe((HttpBinding) m.route()))
                .isEqualTo(r.expect()));
      }
    }));
  }

  @Test
  void validServicesHaveNoConflicts() {
    RuleReadResult rules = HttpRuleReader.read(validServices(), true);
    RouteTable<HttpBinding> table = table(rules.bindings());
    assertThat(table.conflicts()).isEmpty();
    assertThat(table.routes()).containsExactlyElementsOf(rules.bindings());
  }

  @Test
  void duplicateRuleLosesToTheMethodDeclaredFirstWhateverTheLoadOrder() throws Exception {
    List<HttpBinding> bindings = HttpRuleReader.read(TestDescriptors.invalidServices(true), true)
        .bindings();
    List<HttpBinding> reversed = new ArrayList<>(bindings);
    Collections.reverse(reversed);
    for (List<HttpBinding> order : List.of(bindings, reversed)) {
      RouteTable<HttpBinding> table = table(order);
      assertThat(table.conflicts()).map(RouteConflict::toString).containsExactly(
          "GET /v1/fine/{id}: gangway.invalid.Broken.DuplicateOfFine (GET /v1/fine/{id}) is not"
              + " served; gangway.invalid.Broken.Fine (GET /v1/fine/{id}) matches the same"
              + " requests and takes precedence");
      assertThat(table.match("GET", "/v1/fine/1")).isInstanceOfSatisfying(
          MatchResult.Matched.class,
          m -> assertThat(((HttpBinding) m.route()).method().getName()).isEqualTo("Fine"));
    }
  }

  @Test
  void annotationBeatsAnAutoMappingWithTheSamePath() throws Exception {
    ServiceDescriptor service = TestDescriptors.serviceWithRules(
        com.google.api.HttpRule.newBuilder().setPost("/gangway.rules.Rules/M0").build());
    RouteTable<HttpBinding> table = table(HttpRuleReader.read(List.of(service), true).bindings());
    assertThat(table.conflicts()).singleElement()
        .satisfies(c -> assertThat(c.loser())
            .isEqualTo("gangway.rules.Rules.M0 (POST /gangway.rules.Rules/M0)"))
        .satisfies(c -> assertThat(table.routes()).singleElement()
            .extracting(HttpBinding::origin).isEqualTo(HttpBinding.Origin.ANNOTATION));
  }

  @Test
  void aMethodPlainHttpCanCallBeatsABidiStreamingOneDeclaredFirst() throws Exception {
    HttpRule get = HttpRule.newBuilder().setGet("/v1/things/{id}").build();
    ServiceDescriptor service = TestDescriptors.serviceWithShapes(
        new CallShape[] {CallShape.BIDI_STREAMING, CallShape.CLIENT_STREAMING,
            CallShape.SERVER_STREAMING, CallShape.UNARY},
        get, get, get, get);

    RouteTable<HttpBinding> table = table(HttpRuleReader.read(List.of(service), false).bindings());

    assertThat(table.routes()).singleElement()
        .satisfies(b -> assertThat(b.method().getName()).isEqualTo("M3"));
    assertThat(table.conflicts()).extracting(RouteConflict::loser).containsExactly(
        "gangway.rules.Rules.M0 (GET /v1/things/{id})",
        "gangway.rules.Rules.M1 (GET /v1/things/{id})",
        "gangway.rules.Rules.M2 (GET /v1/things/{id})");
  }

  @Test
  void amongStreamingMethodsServerStreamingWinsThenClientStreaming() throws Exception {
    HttpRule post = HttpRule.newBuilder().setPost("/v1/stream").setBody("*").build();
    ServiceDescriptor service = TestDescriptors.serviceWithShapes(
        new CallShape[] {CallShape.BIDI_STREAMING, CallShape.CLIENT_STREAMING,
            CallShape.SERVER_STREAMING}, post, post, post);

    RouteTable<HttpBinding> table = table(HttpRuleReader.read(List.of(service), false).bindings());

    assertThat(table.routes()).extracting(b -> b.method().getName()).containsExactly("M2");
  }
}
