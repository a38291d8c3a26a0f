package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.binding.QueryIndex.Shape;
import dev.gangway.transcoder.internal.binding.QueryIndex.Target;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.UnknownInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The query-string step of a plan: splits {@code a=1&b.c=2}, decodes names and values, and sets
 * every field not bound by the path or the body (http.proto, "Rules for HTTP mapping" 1-3).
 *
 * <p>Immutable and thread-safe; built once per plan. Names resolve through a {@link QueryIndex}
 * built at load time, never by descriptor lookups per request.
 */
final class QueryBinder {
  private final QueryIndex index;
  private final boolean bodyBindsAll;
  private final FieldDescriptor bodyField; // null when the body binds no single field
  private final List<List<FieldDescriptor>> pathChains;
  private final Set<String> ignored;
  private final boolean ignoreUnknown;
  private final PercentDecoder.Mode mode;

  /**
   * @param bodyBindsAll the rule's body is {@code *}: no parameter may set a field
   * @param bodyField the top-level field the body binds, or null
   * @param pathChains the field chains the path binds
   */
  QueryBinder(
      QueryIndex index,
      boolean bodyBindsAll,
      FieldDescriptor bodyField,
      List<List<FieldDescriptor>> pathChains,
      TranscoderOptions options) {
    this.index = index;
    this.bodyBindsAll = bodyBindsAll;
    this.bodyField = bodyField;
    this.pathChains = List.copyOf(pathChains);
    this.ignored = options.ignoredQueryParameters();
    this.ignoreUnknown = options.unknownQueryParameters() == UnknownInput.IGNORE;
    this.mode = options.queryPlusAsSpace()
        ? PercentDecoder.Mode.QUERY_PLUS_AS_SPACE
        : PercentDecoder.Mode.QUERY;
  }

  /** Sets the fields the raw query string names. */
  void apply(Message.Builder request, String rawQuery) throws TranscodingException {
    if (rawQuery.isEmpty()) {
      return;
    }
    Set<List<FieldDescriptor>> seen = new HashSet<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      if (end > start) {
        applyParameter(request, rawQuery, start, end, seen);
      }
      start = end + 1;
    }
  }

  private void applyParameter(
      Message.Builder request, String query, int start, int end, Set<List<FieldDescriptor>> seen)
      throws TranscodingException {
    int eq = query.indexOf('=', start);
    boolean hasValue = eq >= 0 && eq < end;
    String rawName = query.substring(start, hasValue ? eq : end);
    String name =
        PercentDecoder.decode(rawName, mode, "query parameter " + Quoting.quote(rawName));
    if (ignored.contains(name)) {
      return;
    }
    Target target;
    try {
      target = resolve(name);
    } catch (QueryRejection e) {
      if (e.unknown() && ignoreUnknown) {
        return;
      }
      throw TranscodingException.invalidArgument(e.getMessage());
    }
    String label = "query parameter " + name;
    String text = hasValue ? PercentDecoder.decode(query.substring(eq + 1, end), mode, label) : "";
    try {
      set(request, target, target.leaf().parser().parse(text), label, seen);
    } catch (InvalidValueException e) {
      throw TranscodingException.invalidArgument(label + ": " + e.getMessage());
    }
  }

  /** Sets (or, for a repeated field, adds) the value, creating the messages on the way. */
  private static void set(
      Message.Builder request,
      Target target,
      Object value,
      String label,
      Set<List<FieldDescriptor>> seen)
      throws TranscodingException {
    List<FieldDescriptor> chain = target.chain();
    Message.Builder container = request;
    for (int i = 0; i < chain.size() - 1; i++) {
      checkNoRival(container, chain.get(i), label);
      container = FieldAccess.child(container, chain.get(i));
    }
    FieldDescriptor leaf = chain.get(chain.size() - 1);
    if (target.leaf().shape() == Shape.REPEATED_SCALAR) {
      container.addRepeatedField(leaf, value);
      return;
    }
    if (!seen.add(chain)) {
      throw TranscodingException.invalidArgument(
          label + ": given more than once, but field " + leaf.getName() + " is not repeated");
    }
    checkNoRival(container, leaf, label);
    container.setField(leaf, value);
  }

  private static void checkNoRival(Message.Builder container, FieldDescriptor field, String label)
      throws TranscodingException {
    FieldDescriptor rival = FieldAccess.oneofRival(container, field);
    if (rival != null) {
      throw TranscodingException.invalidArgument(
          label + ": field " + rival.getName() + " of the same oneof "
              + rival.getRealContainingOneof().getName() + " is already set");
    }
  }

  /**
   * Resolves a decoded name and applies the rule's restrictions: nothing under body {@code *},
   * nothing inside the body field, nothing the path binds (or a oneof sibling of it).
   */
  Target resolve(String name) throws QueryRejection {
    int dot = name.indexOf('.');
    QueryIndex.QueryField top = index.topLevel(dot < 0 ? name : name.substring(0, dot));
    if (top != null && bodyBindsAll) {
      throw QueryRejection.of(name, "not allowed, body \"*\" binds every field not in the path");
    }
    if (top != null && top.field() == bodyField) {
      throw QueryRejection.of(
          name, "not allowed, field " + bodyField.getName() + " is bound by the body");
    }
    Target target = index.resolve(name);
    for (List<FieldDescriptor> path : pathChains) {
      String reason = pathConflict(target.chain(), path);
      if (reason != null) {
        throw QueryRejection.of(name, reason);
      }
    }
    return target;
  }

  private static String pathConflict(List<FieldDescriptor> query, List<FieldDescriptor> path) {
    int n = query.size();
    if (n != path.size() || !query.subList(0, n - 1).equals(path.subList(0, n - 1))) {
      return null;
    }
    FieldDescriptor q = query.get(n - 1);
    FieldDescriptor p = path.get(n - 1);
    if (q == p) {
      return "not allowed, field " + dotted(path) + " is bound by the path";
    }
    if (q.getRealContainingOneof() != null
        && q.getRealContainingOneof() == p.getRealContainingOneof()) {
      return "not allowed, field " + dotted(path) + " of the same oneof is bound by the path";
    }
    return null;
  }

  private static String dotted(List<FieldDescriptor> chain) {
    StringBuilder out = new StringBuilder();
    for (FieldDescriptor f : chain) {
      out.append(out.length() == 0 ? "" : ".").append(f.getName());
    }
    return out.toString();
  }

  /** Why {@code name} would be rejected, or empty when it is accepted (or silently dropped). */
  Optional<String> problem(String name) {
    if (ignored.contains(name)) {
      return Optional.empty();
    }
    try {
      resolve(name);
      return Optional.empty();
    } catch (QueryRejection e) {
      return e.unknown() && ignoreUnknown ? Optional.empty() : Optional.of(e.getMessage());
    }
  }

  /** The top-level parameters this rule accepts, for the explain output ({@code nested.*}). */
  List<String> accepted() {
    List<String> out = new ArrayList<>();
    if (bodyBindsAll) {
      return out;
    }
    for (QueryIndex.QueryField qf : index.topLevel()) {
      String name = qf.field().getName();
      if (problem(name).isEmpty() && qf.shape() != Shape.MESSAGE) {
        out.add(qf.shape() == Shape.REPEATED_SCALAR ? name + " (repeated)" : name);
      } else if (qf.shape() == Shape.MESSAGE && qf.field() != bodyField) {
        out.add(name + ".*");
      }
    }
    return List.copyOf(out);
  }
}
