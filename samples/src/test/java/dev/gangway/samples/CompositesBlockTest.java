package dev.gangway.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.samples.bookstore.BookstoreProto;
import dev.gangway.samples.catalog.CatalogProto;
import dev.gangway.samples.diagnostics.DiagnosticsProto;
import dev.gangway.samples.pricing.PricingProto;
import dev.gangway.samples.reviews.ReviewsProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The composite route blocks waiting for the gateway's config reader (samples/demo and e2e
 * {@code composites.yaml.txt}) agree with the sample protos: every method exists, every request
 * key is a field of its request message, every {@code {call.field}} reference resolves through
 * the referenced call's response, {@code for_each} names a repeated message field, and path
 * references name a variable of the path.
 */
class CompositesBlockTest {

  private static final Path BASE = Path.of(System.getProperty("basedir", "."));
  private static final Pattern REFERENCE = Pattern.compile("\\{([^{}]+)}");
  private static final List<FileDescriptor> FILES = List.of(BookstoreProto.getDescriptor(),
      CatalogProto.getDescriptor(), PricingProto.getDescriptor(), ReviewsProto.getDescriptor(),
      DiagnosticsProto.getDescriptor());

  @TestFactory
  List<DynamicTest> everyCompositeResolvesAgainstTheSampleProtos() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : List.of(BASE.resolve("demo/composites.yaml.txt"),
        BASE.resolve("src/test/resources/e2e/composites.yaml.txt"))) {
      JsonNode composites = new YAMLMapper().readTree(file.toFile()).path("composites");
      assertThat(composites.size()).as(file.toString()).isPositive();
      for (JsonNode composite : composites) {
        tests.add(DynamicTest.dynamicTest(composite.path("name").asText(),
            () -> check(composite)));
      }
    }
    return tests;
  }

  private static void check(JsonNode composite) {
    Set<String> pathVariables = new HashSet<>();
    Matcher variables = REFERENCE.matcher(composite.path("path").asText());
    while (variables.find()) {
      pathVariables.add(variables.group(1));
    }
    JsonNode calls = composite.path("calls");
    assertThat(calls.size()).isPositive();
    for (Iterator<Map.Entry<String, JsonNode>> it = calls.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> call = it.next();
      String where = "call " + call.getKey();
      MethodDescriptor method = method(call.getValue().path("method").asText());
      Descriptor item = null;
      if (call.getValue().has("for_each")) {
        FieldDescriptor list = resolve(call.getValue().path("for_each").asText(), calls, where);
        assertThat(list.isRepeated() && list.getJavaType() == FieldDescriptor.JavaType.MESSAGE)
            .as(where + ": for_each must name a repeated message field").isTrue();
        item = list.getMessageType();
      }
      Scope scope = new Scope(calls, pathVariables, item);
      checkRequest(call.getValue().path("request"), method.getInputType(), scope, where);
    }
    Scope response = new Scope(calls, pathVariables, null);
    for (JsonNode value : composite.path("response")) {
      references(value.asText()).forEach(ref -> response.check(ref, "response"));
    }
  }

  private static void checkRequest(JsonNode request, Descriptor type, Scope scope, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      FieldDescriptor field = type.findFieldByName(entry.getKey());
      assertThat(field).as(where + ": " + type.getFullName() + " has no field " + entry.getKey())
          .isNotNull();
      if (entry.getValue().isObject()) {
        checkRequest(entry.getValue(), field.getMessageType(), scope, where);
        continue;
      }
      for (String ref : references(entry.getValue().asText())) {
        FieldDescriptor source = scope.check(ref, where + " " + entry.getKey());
        if (source != null) {
          assertThat(source.getJavaType()).as(where + ": {" + ref + "} into " + entry.getKey())
              .isNotEqualTo(FieldDescriptor.JavaType.MESSAGE);
        }
      }
    }
  }

  /** The call results, path variables and for_each item a template may refer to. */
  private record Scope(JsonNode calls, Set<String> pathVariables, Descriptor item) {

    /** Checks a reference; returns the field it ends at, null for a whole result or a param. */
    FieldDescriptor check(String ref, String where) {
      String root = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
      String rest = ref.contains(".") ? ref.substring(ref.indexOf('.') + 1) : "";
      switch (root) {
        case "path":
          assertThat(pathVariables).as(where + ": {" + ref + "}").contains(rest);
          return null;
        case "query":
          assertThat(rest).as(where + ": {" + ref + "}").isNotEmpty();
          return null;
        case "item":
          assertThat(item).as(where + ": {item} outside for_each").isNotNull();
          return field(item, rest, where);
        default:
          return rest.isEmpty() ? wholeResult(root, where) : resolve(ref, calls, where);
      }
    }

    private FieldDescriptor wholeResult(String call, String where) {
      assertThat(calls.has(call)).as(where + ": no call " + call).isTrue();
      return null;
    }
  }

  /** {@code call.field.field} to the last field, through the call's response type. */
  private static FieldDescriptor resolve(String ref, JsonNode calls, String where) {
    int dot = ref.indexOf('.');
    assertThat(dot).as(where + ": " + ref + " names no field").isPositive();
    String call = ref.substring(0, dot);
    assertThat(calls.has(call)).as(where + ": no call " + call).isTrue();
    Descriptor type = method(calls.path(call).path("method").asText()).getOutputType();
    return field(type, ref.substring(dot + 1), where);
  }

  private static FieldDescriptor field(Descriptor type, String path, String where) {
    FieldDescriptor field = null;
    for (String name : path.split("\\.")) {
      assertThat(type).as(where + ": " + path + " goes through a scalar").isNotNull();
      field = type.findFieldByName(name);
      assertThat(field).as(where + ": " + type.getFullName() + " has no field " + name)
          .isNotNull();
      type = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
          ? field.getMessageType() : null;
    }
    return field;
  }

  private static MethodDescriptor method(String fullName) {
    int dot = fullName.lastIndexOf('.');
    for (FileDescriptor file : FILES) {
      for (ServiceDescriptor service : file.getServices()) {
        if (service.getFullName().equals(fullName.substring(0, Math.max(dot, 0)))) {
          MethodDescriptor method = service.findMethodByName(fullName.substring(dot + 1));
          assertThat(method).as("no method " + fullName).isNotNull();
          assertThat(method.isClientStreaming() || method.isServerStreaming())
              .as(fullName + " must be unary").isFalse();
          return method;
        }
      }
    }
    throw new AssertionError("no service for " + fullName);
  }

  private static List<String> references(String template) {
    List<String> refs = new ArrayList<>();
    Matcher matcher = REFERENCE.matcher(template);
    while (matcher.find()) {
      refs.add(matcher.group(1));
    }
    return refs;
  }
}
