package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import dev.gangway.test.kitchen.KitchenOuterClass;
import dev.gangway.test.library.LibraryOuterClass;
import dev.gangway.test.openapi.NotesOuterClass;
import dev.gangway.transcoder.internal.json.JsonCodec;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.HttpBinding;
import gangway.invalid.BrokenOuterClass;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The test protos' methods by full name, and bindings and codecs built from them. */
final class BindingFixtures {
  static final List<FileDescriptor> FILES =
      List.of(
          KitchenOuterClass.getDescriptor(),
          LibraryOuterClass.getDescriptor(),
          NotesOuterClass.getDescriptor(),
          BrokenOuterClass.getDescriptor());

  static final TypeRegistry TYPES = typeRegistry();

  private static final Map<String, MethodDescriptor> METHODS = methods();

  private BindingFixtures() {}

  private static TypeRegistry typeRegistry() {
    TypeRegistry.Builder types = TypeRegistry.newBuilder();
    for (FileDescriptor file : FILES) {
      types.add(file.getMessageTypes());
    }
    return types.build();
  }

  private static Map<String, MethodDescriptor> methods() {
    Map<String, MethodDescriptor> out = new HashMap<>();
    for (FileDescriptor file : FILES) {
      for (ServiceDescriptor service : file.getServices()) {
        for (MethodDescriptor m : service.getMethods()) {
          out.put(m.getFullName(), m);
        }
      }
    }
    return Map.copyOf(out);
  }

  static MethodDescriptor method(String fullName) {
    MethodDescriptor m = METHODS.get(fullName);
    if (m == null) {
      throw new IllegalArgumentException("no method " + fullName + " in the test protos");
    }
    return m;
  }

  /** {@code GET /v1/x/{y}} with the given body, as an annotation binding. */
  static HttpBinding binding(String method, String rule, String body) {
    int space = rule.indexOf(' ');
    return new HttpBinding(
        method(method),
        rule.substring(0, space),
        TestTemplates.parse(rule.substring(space + 1)),
        body,
        "",
        HttpBinding.Origin.ANNOTATION,
        0);
  }

  static BindingPlan plan(String method, String rule, String body, TranscoderOptions options)
      throws Exception {
    return BindingPlanCompiler.compile(
        binding(method, rule, body), options, new JsonCodec(TYPES, options));
  }

  /** The raw segments a matcher would hand over for {@code rawPath}: split on '/', verb removed. */
  static List<String> segments(String rawPath, boolean hasVerb) {
    String path = rawPath.substring(1);
    if (hasVerb) {
      path = path.substring(0, path.lastIndexOf(':'));
    }
    return List.of(path.split("/", -1));
  }
}
