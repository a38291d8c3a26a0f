package dev.gangway.gateway.compose;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.gateway.backend.BackendBindings;
import dev.gangway.gateway.backend.BoundMethod;
import dev.gangway.gateway.compose.TemplateCompiler.TemplateProblem;
import dev.gangway.gateway.config.CompositeConfig;
import dev.gangway.gateway.config.CompositeConfig.CallConfig;
import dev.gangway.transcoder.Transcoder;
import dev.gangway.transcoder.descriptor.LoadedDescriptors;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.PathTemplateParser;
import dev.gangway.transcoder.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compiles the configured composites into {@link CompositePlan}s: resolves methods and their
 * backend bindings, compiles request and response templates (every reference checked against the
 * route's variables and the message types), checks the call graph for cycles and the routes for
 * conflicts with transcoded routes.
 *
 * <p>Stateless; setup code, run when a snapshot is built. Every problem is a
 * {@link CompositeException} naming the composite and, where there is one, the call.
 *
 * <pre>{@code
 * List<MethodDescriptor> extra = CompositeCompiler.methods(config.composites(), descriptors);
 * BackendBindings bindings = BackendBindings.build(config, transcoder, channels, extra);
 * CompositeRoutes routes = CompositeCompiler.compile(config.composites(), transcoder, bindings);
 * }</pre>
 */
public final class CompositeCompiler {
  private CompositeCompiler() {}

  /**
   * The gRPC methods the composites call, so they can be bound to backends.
   *
   * @throws CompositeException for an unknown or streaming method
   */
  public static List<MethodDescriptor> methods(
      List<CompositeConfig> composites, LoadedDescriptors descriptors) throws CompositeException {
    Map<String, MethodDescriptor> known = new HashMap<>();
    for (ServiceDescriptor service : descriptors.services()) {
      for (MethodDescriptor method : service.getMethods()) {
        known.put(method.getFullName(), method);
      }
    }
    List<MethodDescriptor> methods = new ArrayList<>();
    for (CompositeConfig composite : composites) {
      for (CallConfig call : composite.calls()) {
        MethodDescriptor method = known.get(call.method());
        if (method == null) {
          throw error(composite, call, "unknown method " + call.method()
              + " (no loaded descriptor set has it)");
        }
        if (method.isClientStreaming() || method.isServerStreaming()) {
          throw error(composite, call, call.method() + " is a streaming method; composite calls "
              + "must be unary");
        }
        methods.add(method);
      }
    }
    return methods;
  }

  /**
   * @param bindings must bind every method {@link #methods} returned
   * @throws CompositeException naming the composite (and call) for the first problem found
   */
  public static CompositeRoutes compile(
      List<CompositeConfig> composites, Transcoder transcoder, BackendBindings bindings)
      throws CompositeException {
    if (composites.isEmpty()) {
      return CompositeRoutes.EMPTY;
    }
    List<MethodDescriptor> methods = methods(composites, transcoder.descriptors());
    // The snapshot's one codec: same types and JSON options as the transcoded routes.
    MessageCodec codec = new MessageCodec(transcoder.codec());
    FieldPaths paths = new FieldPaths(transcoder.options());
    List<CompositePlan> plans = new ArrayList<>();
    int m = 0;
    for (CompositeConfig composite : composites) {
      List<MethodDescriptor> own = methods.subList(m, m + composite.calls().size());
      m += composite.calls().size();
      plans.add(compile(composite, own, bindings, codec, paths));
    }
    RouteConflicts.check(plans, transcoder);
    return new CompositeRoutes(plans);
  }

  private static CompositePlan compile(CompositeConfig composite, List<MethodDescriptor> methods,
      BackendBindings bindings, MessageCodec codec, FieldPaths paths) throws CompositeException {
    PathTemplate template;
    try {
      template = PathTemplateParser.parse(composite.path());
    } catch (TemplateSyntaxException e) {
      throw new CompositeException(prefix(composite) + ": " + e.getMessage());
    }
    PathCaptures captures = PathCaptures.of(template);
    Map<String, References.CallInfo> infos = new LinkedHashMap<>();
    for (int i = 0; i < composite.calls().size(); i++) {
      CallConfig call = composite.calls().get(i);
      infos.put(call.name(), new References.CallInfo(
          i, methods.get(i).getOutputType(), call.forEach().isPresent()));
    }
    References references =
        new References(template.format(), captures.names(), infos, paths);
    List<CallPlan> calls = new ArrayList<>();
    for (int i = 0; i < composite.calls().size(); i++) {
      CallConfig call = composite.calls().get(i);
      try {
        calls.add(call(call, i, methods.get(i), bindings, references));
      } catch (TemplateProblem e) {
        throw error(composite, call, e.getMessage());
      }
    }
    CallGraph.checkAcyclic(composite.name(), calls);
    ValueTemplate response;
    try {
      response = response(composite, calls, references);
    } catch (TemplateProblem e) {
      throw new CompositeException(prefix(composite) + ", " + e.getMessage());
    }
    return new CompositePlan(composite.name(), composite.httpMethod(), template,
        composite.timeout(), calls, response, captures, codec);
  }

  private static CallPlan call(CallConfig call, int index, MethodDescriptor method,
      BackendBindings bindings, References references) throws TemplateProblem {
    BoundMethod bound = bindings.method(method).orElseThrow(() -> new IllegalStateException(
        "bindings lack " + method.getFullName() + " (bind CompositeCompiler.methods first)"));
    Optional<References.ForEach> forEach = Optional.empty();
    if (call.forEach().isPresent()) {
      forEach = Optional.of(references.forEach(call.forEach().get()));
    }
    FieldDescriptor item = forEach.map(References.ForEach::field).orElse(null);
    ValueTemplate request = TemplateCompiler.compile(
        call.request(), "request", references.resolver(item, false), true);
    RequestShape.check(request, method.getInputType(), "request");
    TreeSet<Integer> dependsOn = new TreeSet<>();
    request.sources(s -> {
      if (s.call() >= 0) {
        dependsOn.add(s.call());
      }
    });
    forEach.ifPresent(f -> dependsOn.add(f.source().index()));
    Optional<List<io.grpc.Metadata.Key<String>>> headers = Optional.empty();
    if (call.headers().isPresent()) {
      headers = Optional.of(CallHeaders.keys(call.headers().get()));
    }
    return new CallPlan(call.name(), index, method, bound, request, call.optional(),
        call.timeout(), headers,
        forEach.map(References.ForEach::source), call.forEach(), call.concurrency(),
        new ArrayList<>(dependsOn));
  }

  private static ValueTemplate response(
      CompositeConfig composite, List<CallPlan> calls, References references)
      throws TemplateProblem {
    if (composite.response().isPresent()) {
      return TemplateCompiler.compile(
          composite.response().get(), "response", references.resolver(null, true), false);
    }
    Map<String, ValueTemplate> fields = new LinkedHashMap<>();
    for (CallPlan call : calls) {
      fields.put(call.name(), new ValueTemplate.Whole(
          new Source.CallField(call.index(), MemberPath.WHOLE)));
    }
    return new ValueTemplate.ObjectTemplate(fields, false);
  }

  static String prefix(CompositeConfig composite) {
    return "composite \"" + composite.name() + "\"";
  }

  private static CompositeException error(CompositeConfig composite, CallConfig call,
      String message) {
    return new CompositeException(prefix(composite) + ", call \"" + call.name() + "\": " + message);
  }
}
