package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.transcoder.internal.json.JsonCodec;
import dev.gangway.transcoder.internal.routing.InvalidRuleException;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.template.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles one {@link HttpBinding} into a {@link BindingPlan}: resolves every path variable to a
 * field chain and a parser, picks the body mapping, and indexes the query parameter names.
 * Rules the spec forbids are rejected here, at load time, with a message naming the variable or
 * body, the rule and the reason.
 *
 * <p>Not thread-safe; one instance per snapshot build, confined to the loader. An instance shares
 * one query index per request type among all the plans it compiles, so many routes over one
 * message type cost that type's index once.
 */
public final class BindingPlanCompiler {
  private static final String HTTP_BODY = "google.api.HttpBody";

  private final TranscoderOptions options;
  private final JsonCodec codec;
  private final Map<Descriptor, QueryIndex> queryIndexes = new HashMap<>();
  private final QueryIndex.Names queryNames = new QueryIndex.Names();

  public BindingPlanCompiler(TranscoderOptions options, JsonCodec codec) {
    this.options = Objects.requireNonNull(options, "options");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /** Compiles with a fresh compiler (no index sharing); for tests and one-off use. */
  public static BindingPlan compile(
      HttpBinding binding, TranscoderOptions options, JsonCodec codec)
      throws InvalidRuleException {
    Objects.requireNonNull(binding, "binding");
    return new BindingPlanCompiler(options, codec).compile(binding);
  }

  /**
   * The plan for {@code binding}.
   *
   * @throws InvalidRuleException for a path variable on an unknown, repeated, map or message
   *     (other than wrapper, Timestamp, Duration, FieldMask) field, a field bound twice, a body
   *     naming a missing or nested field, or a template with two {@code **}
   */
  public BindingPlan compile(HttpBinding binding) throws InvalidRuleException {
    Objects.requireNonNull(binding, "binding");
    Descriptor input = binding.method().getInputType();
    String rule = binding.describe();
    List<PathBinding> path = pathBindings(binding, input, rule);
    BodyMapping body = bodyMapping(binding.body(), input, rule, new JsonBodyReader(codec.compiled()));
    FieldDescriptor bodyField = null;
    if (body instanceof BodyMapping.Field f) {
      bodyField = f.field();
    } else if (body instanceof BodyMapping.HttpBodyField f) {
      bodyField = f.field();
    }
    List<List<FieldDescriptor>> chains = new ArrayList<>();
    for (PathBinding b : path) {
      chains.add(b.chain());
    }
    QueryBinder query = new QueryBinder(
        queryIndexes.computeIfAbsent(input, type -> new QueryIndex(type, queryNames)), binding.body().equals("*"), bodyField, chains, options);
    UpdateMaskFill maskFill = options.fillUpdateMask()
        ? UpdateMaskFill.forBinding(binding, body) : null;
    return new BindingPlan(rule, input, body, query, path, options.pathBodyConflict(), maskFill);
  }

  private static List<PathBinding> pathBindings(HttpBinding binding, Descriptor input, String rule)
      throws InvalidRuleException {
    List<Segment> segments = binding.template().segments();
    int[] widths = new int[segments.size()];
    int deep = -1;
    for (int i = 0; i < widths.length; i++) {
      widths[i] = width(segments.get(i));
      if (widths[i] < 0) {
        if (deep >= 0) {
          throw new InvalidRuleException("template of " + rule + ": more than one '**'");
        }
        deep = i;
      }
    }
    List<PathBinding> out = new ArrayList<>();
    Map<List<FieldDescriptor>, String> bound = new HashMap<>();
    for (int i = 0; i < widths.length; i++) {
      if (segments.get(i) instanceof Segment.Variable v) {
        out.add(pathBinding(v, span(widths, i, deep), input, rule, bound));
      }
    }
    return out;
  }

  /** Segments a top-level element matches; -1 when it holds {@code **} and so varies. */
  private static int width(Segment segment) {
    if (segment instanceof Segment.DeepWildcard) {
      return -1;
    }
    if (segment instanceof Segment.Variable v) {
      int sum = 0;
      for (Segment inner : v.segments()) {
        if (inner instanceof Segment.DeepWildcard) {
          return -1;
        }
        sum++;
      }
      return sum;
    }
    return 1;
  }

  /** Elements up to the {@code **} count from the start; those after it from the end. */
  private static SegmentSpan span(int[] widths, int index, int deep) {
    if (deep < 0 || index <= deep) {
      int start = 0;
      for (int i = 0; i < index; i++) {
        start += widths[i];
      }
      if (index == deep) {
        return new SegmentSpan(start, false, sum(widths, index + 1), true);
      }
      return new SegmentSpan(start, false, start + widths[index], false);
    }
    return new SegmentSpan(sum(widths, index), true, sum(widths, index + 1), true);
  }

  private static int sum(int[] widths, int from) {
    int total = 0;
    for (int i = from; i < widths.length; i++) {
      total += widths[i];
    }
    return total;
  }

  private static PathBinding pathBinding(
      Segment.Variable variable,
      SegmentSpan span,
      Descriptor input,
      String rule,
      Map<List<FieldDescriptor>, String> bound)
      throws InvalidRuleException {
    StringBuilder text = new StringBuilder();
    variable.format(text);
    String where = "path variable " + text + " in " + rule + ": ";
    List<String> names = variable.field().names();
    List<FieldDescriptor> chain = new ArrayList<>();
    Descriptor type = input;
    for (int i = 0; i < names.size(); i++) {
      FieldDescriptor f = type.findFieldByName(names.get(i));
      String prefix = String.join(".", names.subList(0, i + 1));
      if (f == null) {
        throw new InvalidRuleException(
            where + "no field " + names.get(i) + " in " + type.getFullName());
      }
      chain.add(f);
      String problem = i == names.size() - 1 ? leafProblem(f) : stepProblem(f);
      if (problem != null) {
        throw new InvalidRuleException(where + "field " + prefix + " " + problem);
      }
      if (i < names.size() - 1) {
        type = f.getMessageType();
      }
    }
    String earlier = bound.putIfAbsent(List.copyOf(chain), text.toString());
    if (earlier != null) {
      throw new InvalidRuleException(
          where + "field " + variable.field().dotted() + " is already bound by " + earlier);
    }
    ScalarParser parser = ScalarParser.forField(chain.get(chain.size() - 1));
    return new PathBinding(text.toString(), variable.field().dotted(), chain, parser, span,
        variable.multiSegment());
  }

  /** Why a path variable cannot bind this field, or null (http.proto: no repeated or map). */
  private static String leafProblem(FieldDescriptor f) {
    if (f.isMapField()) {
      return "is a map";
    }
    if (f.isRepeated()) {
      return "is repeated";
    }
    if (!ScalarParser.supports(f)) {
      return "is a message (" + f.getMessageType().getFullName() + ")";
    }
    return null;
  }

  /** Why a dotted variable cannot go through this field, or null. */
  private static String stepProblem(FieldDescriptor f) {
    if (f.isMapField()) {
      return "is a map";
    }
    if (f.isRepeated()) {
      return "is repeated";
    }
    if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return "is not a message";
    }
    if (ScalarParser.supports(f)) {
      return "is a " + f.getMessageType().getFullName() + ", bound as a whole";
    }
    return null;
  }

  private static BodyMapping bodyMapping(
      String body, Descriptor input, String rule, JsonBodyReader json)
      throws InvalidRuleException {
    if (body.isEmpty()) {
      return new BodyMapping.None(rule);
    }
    if (body.equals("*")) {
      return input.getFullName().equals(HTTP_BODY)
          ? new BodyMapping.HttpBodyWhole(
              input.findFieldByName("content_type"), input.findFieldByName("data"))
          : new BodyMapping.WholeMessage(json, json.codec().schema(input));
    }
    String where = "body " + body + " in " + rule + ": ";
    if (body.indexOf('.') >= 0) {
      throw new InvalidRuleException(where + "body must name a top-level field");
    }
    FieldDescriptor field = input.findFieldByName(body);
    if (field == null) {
      throw new InvalidRuleException(where + "no field " + body + " in " + input.getFullName());
    }
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && !field.isRepeated()
        && field.getMessageType().getFullName().equals(HTTP_BODY)) {
      Descriptor httpBody = field.getMessageType();
      return new BodyMapping.HttpBodyField(
          field, httpBody.findFieldByName("content_type"), httpBody.findFieldByName("data"));
    }
    return new BodyMapping.Field(field, json.codec().field(field), json);
  }
}
