package dev.gangway.transcoder.internal.routing;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.gangway.transcoder.descriptor.LoadProblem;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.PathTemplateParser;
import dev.gangway.transcoder.template.Segment;
import dev.gangway.transcoder.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the {@code google.api.http} rules of gRPC methods into {@link HttpBinding}s, one per
 * servable HTTP rule, and reports the rules it cannot serve.
 *
 * <p>Stateless and thread-safe; runs at load time. It checks the rule's shape (a pattern is set,
 * the template parses, {@code additional_bindings} nest one level only) but not the fields the
 * rule names: the binding compiler resolves those against the request and response types. A bad
 * rule costs only itself: the method's other bindings are still served.
 *
 * <p>Usage: {@code RuleReadResult r = HttpRuleReader.read(file.getServices(), true);}
 */
public final class HttpRuleReader {
  private static final ExtensionRegistry ANNOTATIONS = annotationsRegistry();

  private final List<HttpBinding> bindings = new ArrayList<>();
  private final List<LoadProblem> problems = new ArrayList<>();
  private final PathTemplateParser.Syntax syntax;

  private HttpRuleReader(PathTemplateParser.Syntax syntax) {
    this.syntax = syntax;
  }

  /**
   * Reads the HTTP bindings of every method of {@code services}, templates in the http.proto
   * grammar ({@link PathTemplateParser.Syntax#STRICT}).
   *
   * @param autoMapping also serve every method, annotated or not, at
   *     {@code POST /<package.Service>/<Method>} with body {@code *}
   */
  public static RuleReadResult read(List<ServiceDescriptor> services, boolean autoMapping) {
    return read(services, autoMapping, PathTemplateParser.Syntax.STRICT);
  }

  /**
   * Reads the HTTP bindings of every method of {@code services}.
   *
   * @param autoMapping also serve every method, annotated or not, at
   *     {@code POST /<package.Service>/<Method>} with body {@code *}
   * @param syntax the template grammar to accept
   */
  public static RuleReadResult read(List<ServiceDescriptor> services, boolean autoMapping,
      PathTemplateParser.Syntax syntax) {
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(syntax, "syntax");
    HttpRuleReader reader = new HttpRuleReader(syntax);
    for (ServiceDescriptor service : services) {
      for (MethodDescriptor method : service.getMethods()) {
        reader.readMethod(method, autoMapping);
      }
    }
    return new RuleReadResult(reader.bindings, reader.problems);
  }

  private void readMethod(MethodDescriptor method, boolean autoMapping) {
    httpRule(method).ifPresent(rule -> {
      readRule(method, rule, HttpBinding.Origin.ANNOTATION, 0, "google.api.http");
      List<HttpRule> additional = rule.getAdditionalBindingsList();
      for (int i = 0; i < additional.size(); i++) {
        readAdditionalBinding(method, additional.get(i), i);
      }
    });
    if (autoMapping) {
      PathTemplate template = new PathTemplate(
          List.of(new Segment.Literal(method.getService().getFullName()),
              new Segment.Literal(method.getName())),
          Optional.empty());
      bindings.add(new HttpBinding(
          method, "POST", template, "*", "", HttpBinding.Origin.AUTO_MAPPING, 0));
    }
  }

  private void readAdditionalBinding(MethodDescriptor method, HttpRule rule, int position) {
    String where = "additional_bindings[" + position + "]";
    Optional<HttpBinding> binding =
        readRule(method, rule, HttpBinding.Origin.ADDITIONAL_BINDING, position + 1, where);
    int nested = rule.getAdditionalBindingsCount();
    if (nested > 0) {
      // http.proto: "the nesting may only be one level deep". The binding itself is fine.
      String label = binding.map(HttpBinding::describe).orElse(where);
      problem(method, label + ": additional_bindings must not nest (only one level is allowed);"
          + " its " + nested + " nested binding" + (nested == 1 ? " is" : "s are")
          + " not served");
    }
  }

  /** Adds the binding for one rule, or a problem; returns the binding if any. */
  private Optional<HttpBinding> readRule(MethodDescriptor method, HttpRule rule,
      HttpBinding.Origin origin, int index, String where) {
    String httpMethod;
    String path;
    switch (rule.getPatternCase()) {
      case GET -> { httpMethod = "GET"; path = rule.getGet(); }
      case PUT -> { httpMethod = "PUT"; path = rule.getPut(); }
      case POST -> { httpMethod = "POST"; path = rule.getPost(); }
      case DELETE -> { httpMethod = "DELETE"; path = rule.getDelete(); }
      case PATCH -> { httpMethod = "PATCH"; path = rule.getPatch(); }
      case CUSTOM -> {
        httpMethod = rule.getCustom().getKind().toUpperCase(Locale.ROOT);
        path = rule.getCustom().getPath();
      }
      default -> {
        problem(method, where + " sets no pattern: one of get, put, post, delete, patch or"
            + " custom is required");
        return Optional.empty();
      }
    }
    if (!isMethodToken(httpMethod)) {
      problem(method, where + ": custom kind '" + rule.getCustom().getKind()
          + "' is not an HTTP method (nor '*')");
      return Optional.empty();
    }
    if (path.isEmpty()) {
      problem(method, where + ": " + httpMethod + " has an empty path template");
      return Optional.empty();
    }
    try {
      PathTemplate template = PathTemplateParser.parse(path, syntax);
      HttpBinding binding = new HttpBinding(method, httpMethod, template, rule.getBody(),
          rule.getResponseBody(), origin, index);
      bindings.add(binding);
      return Optional.of(binding);
    } catch (TemplateSyntaxException e) {
      problem(method, httpMethod + " " + path + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The method's rule. A descriptor set parsed without the annotations registered keeps the rule
   * as an unknown field; it is read from there rather than silently dropped.
   */
  private Optional<HttpRule> httpRule(MethodDescriptor method) {
    MethodOptions options = method.getOptions();
    if (options.hasExtension(AnnotationsProto.http)) {
      return Optional.of(options.getExtension(AnnotationsProto.http));
    }
    if (!options.getUnknownFields().hasField(AnnotationsProto.HTTP_FIELD_NUMBER)) {
      return Optional.empty();
    }
    try {
      MethodOptions reparsed = MethodOptions.parseFrom(options.toByteString(), ANNOTATIONS);
      return Optional.of(reparsed.getExtension(AnnotationsProto.http));
    } catch (InvalidProtocolBufferException e) {
      problem(method, "google.api.http: the option is not a valid HttpRule");
      return Optional.empty();
    }
  }

  private void problem(MethodDescriptor method, String message) {
    problems.add(new LoadProblem(method.getFullName(), message));
  }

  /**
   * An RFC 9110 token ({@code tchar}), which is what an HTTP method is; {@code *} is one too, and
   * the route table serves it as {@value RouteTable#ANY_METHOD}, every method.
   */
  private static boolean isMethodToken(String kind) {
    if (kind.isEmpty()) {
      return false;
    }
    for (int i = 0; i < kind.length(); i++) {
      char c = kind.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static ExtensionRegistry annotationsRegistry() {
    ExtensionRegistry registry = ExtensionRegistry.newInstance();
    registry.add(AnnotationsProto.http);
    return registry.getUnmodifiable();
  }
}
