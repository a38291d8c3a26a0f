package dev.gangway.gateway.compose;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.gateway.compose.TemplateCompiler.TemplateProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the references of one composite's templates: {@code path.VAR} against the route's
 * variables, {@code CALL.field.path} against the called method's output type, {@code item.x}
 * against the for_each element type; {@code query.NAME} and {@code header.NAME} are free.
 *
 * <p>Immutable; setup code.
 */
final class References {
  /** What a reference to a call needs: its index, output type and whether it is a for_each. */
  record CallInfo(int index, Descriptor output, boolean forEach) {}

  private final String template;
  private final Set<String> pathVariables;
  private final Map<String, CallInfo> calls;
  private final FieldPaths paths;

  References(String template, List<String> pathVariables, Map<String, CallInfo> calls,
      FieldPaths paths) {
    this.template = template;
    this.pathVariables = Set.copyOf(pathVariables);
    this.calls = Map.copyOf(calls);
    this.paths = paths;
  }

  /**
   * A resolver for one template.
   *
   * @param item the repeated field a for_each call iterates, or null outside one
   * @param partial whether {@code {partial}} may be used (response templates)
   */
  TemplateCompiler.Resolver resolver(FieldDescriptor item, boolean partial) {
    return ref -> resolve(ref, item, partial);
  }

  private Source resolve(String ref, FieldDescriptor item, boolean partial)
      throws TemplateProblem {
    int dot = ref.indexOf('.');
    String head = dot < 0 ? ref : ref.substring(0, dot);
    String rest = dot < 0 ? "" : ref.substring(dot + 1);
    switch (head) {
      case "path":
        if (!pathVariables.contains(rest)) {
          throw problem(ref, "the path template " + template + " has no variable \"" + rest
              + "\"");
        }
        return new Source.PathVar(rest);
      case "query":
        return new Source.QueryParam(named(ref, rest));
      case "header":
        return new Source.Header(named(ref, rest).toLowerCase(Locale.ROOT));
      case "partial":
        if (!partial || !rest.isEmpty()) {
          throw problem(ref, "{partial} is only available as a whole in the response template");
        }
        return new Source.Partial();
      case "item":
        return item(ref, rest, item);
      default:
        return call(ref, head, rest);
    }
  }

  private Source item(String ref, String rest, FieldDescriptor item) throws TemplateProblem {
    if (item == null) {
      throw problem(ref, "{item} is only available in a call with for_each");
    }
    if (rest.isEmpty()) {
      return new Source.ItemField(MemberPath.WHOLE);
    }
    if (item.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      throw problem(ref, "the for_each elements are " + item.getType().name().toLowerCase(
          Locale.ROOT) + " values; use {item}");
    }
    return new Source.ItemField(resolvePath(ref, item.getMessageType(), rest).path());
  }

  private Source call(String ref, String name, String rest) throws TemplateProblem {
    CallInfo call = calls.get(name);
    if (call == null) {
      throw problem(ref, "unknown call \"" + name + "\" (calls: "
          + String.join(", ", new java.util.TreeSet<>(calls.keySet()))
          + "; other references start with path., query., header., item.)");
    }
    if (call.forEach() && !rest.isEmpty()) {
      throw problem(ref, "\"" + name + "\" is a for_each call: its result is an array; refer "
          + "to it whole");
    }
    return new Source.CallField(call.index(),
        call.forEach() ? MemberPath.WHOLE : resolvePath(ref, call.output(), rest).path());
  }

  /** The repeated field a for_each names ({@code reviews.reviews}), as a source and its field. */
  record ForEach(Source.CallField source, FieldDescriptor field) {}

  ForEach forEach(String text) throws TemplateProblem {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new TemplateProblem("for_each: \"" + text + "\" must name a call and a repeated "
          + "field of its result, e.g. reviews.reviews");
    }
    String name = text.substring(0, dot);
    CallInfo call = calls.get(name);
    if (call == null) {
      throw new TemplateProblem("for_each: unknown call \"" + name + "\"");
    }
    if (call.forEach()) {
      throw new TemplateProblem("for_each: \"" + name + "\" is itself a for_each call");
    }
    FieldPaths.Resolved resolved;
    try {
      resolved = paths.resolve(call.output(), names(text.substring(dot + 1)));
    } catch (TemplateProblem e) {
      throw new TemplateProblem("for_each: " + e.getMessage());
    }
    FieldDescriptor field = resolved.last();
    if (!field.isRepeated() || field.isMapField()) {
      throw new TemplateProblem("for_each: field \"" + field.getName() + "\" of "
          + field.getContainingType().getFullName() + " is not a repeated field");
    }
    return new ForEach(new Source.CallField(call.index(), resolved.path()), field);
  }

  private FieldPaths.Resolved resolvePath(String ref, Descriptor type, String dotted)
      throws TemplateProblem {
    try {
      return paths.resolve(type, dotted.isEmpty() ? List.of() : names(dotted));
    } catch (TemplateProblem e) {
      throw problem(ref, e.getMessage());
    }
  }

  private static List<String> names(String dotted) {
    return Arrays.asList(dotted.split("\\.", -1));
  }

  private static String named(String ref, String name) throws TemplateProblem {
    if (name.isEmpty()) {
      throw problem(ref, "a name must follow the dot");
    }
    return name;
  }

  private static TemplateProblem problem(String ref, String message) {
    return new TemplateProblem("{" + ref + "}: " + message);
  }
}
