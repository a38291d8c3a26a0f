package dev.gangway.transcoder.internal.binding;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.transcoder.errors.TranscodingException;
import dev.gangway.transcoder.internal.binding.QueryIndex.Shape;
import dev.gangway.transcoder.internal.binding.QueryIndex.Target;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.options.TranscoderOptions.UnknownInput;
import dev.gangway.transcoder.internal.codec.WireAssembler;
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

  /**
   * Writes the fields the raw query string names.
   *
   * @param bodySet whether the body already set the rule's body field (a oneof rival of it
   *     cannot be set here)
   */
  void apply(WireAssembler request, String rawQuery, boolean bodySet)
      throws TranscodingException {
    if (rawQuery.isEmpty()) {
      return;
    }
    Assignments seen = new Assignments();
    if (bodySet && bodyField != null) {
      seen.set.add(List.of(bodyField));
    }
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

  /**
   * Whether the raw query has a parameter naming {@code field}, a top-level field (either
   * spelling, percent-decoded, not one of the ignored names); values are not read. For the
   * update_mask fill, which applies only when the client sent no mask.
   */
  boolean names(String rawQuery, FieldDescriptor field) {
    int start = 0;
    while (start < rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      int eq = rawQuery.indexOf('=', start);
      String rawName = rawQuery.substring(start, eq >= 0 && eq < end ? eq : end);
      try {
        String name = PercentDecoder.decode(rawName, mode, "query parameter");
        QueryIndex.QueryField named = ignored.contains(name) ? null : index.topLevel(name);
        if (named != null && named.field().equals(field)) {
          return true;
        }
      } catch (TranscodingException e) {
        // Not a name: apply() reports it.
      }
      start = end + 1;
    }
    return false;
  }

  /** What the query has set so far (and the body field, when the body set it). */
  private static final class Assignments {
    final Set<List<FieldDescriptor>> once = new HashSet<>();
    final List<List<FieldDescriptor>> set = new ArrayList<>();
  }

  private void applyParameter(
      WireAssembler request, String query, int start, int end, Assignments seen)
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

  /**
   * Writes (or, for a repeated field, adds) the value. A oneof member whose rival is already set
   * at the same place is refused, as is a second value for a singular field.
   */
  private static void set(
      WireAssembler request, Target target, Object value, String label, Assignments seen)
      throws TranscodingException {
    List<FieldDescriptor> chain = target.chain();
    int leaf = chain.size() - 1;
    for (int i = 0; i < leaf; i++) {
      checkNoRival(seen, chain, i, label);
    }
    if (target.leaf().shape() != Shape.REPEATED_SCALAR) {
      if (!seen.once.add(chain)) {
        throw TranscodingException.invalidArgument(
            label + ": given more than once, but field " + chain.get(leaf).getName()
                + " is not repeated");
      }
      checkNoRival(seen, chain, leaf, label);
    }
    seen.set.add(chain);
    request.set(chain, value);
  }

  /** Refuses {@code chain[level]} when a rival member of its oneof is set in the same message. */
  private static void checkNoRival(
      Assignments seen, List<FieldDescriptor> chain, int level, String label)
      throws TranscodingException {
    FieldDescriptor field = chain.get(level);
    if (field.getRealContainingOneof() == null) {
      return;
    }
    for (List<FieldDescriptor> other : seen.set) {
      if (other.size() > level
          && other.subList(0, level).equals(chain.subList(0, level))
          && other.get(level) != field
          && other.get(level).getRealContainingOneof() == field.getRealContainingOneof()) {
        FieldDescriptor rival = other.get(level);
        throw TranscodingException.invalidArgument(
            label + ": field " + rival.getName() + " of the same oneof "
                + rival.getRealContainingOneof().getName() + " is already set");
      }
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
