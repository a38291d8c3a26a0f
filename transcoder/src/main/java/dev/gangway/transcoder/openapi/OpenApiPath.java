package dev.gangway.transcoder.openapi;

import dev.gangway.transcoder.template.FieldPath;
import dev.gangway.transcoder.template.PathTemplate;
import dev.gangway.transcoder.template.Segment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A path template as an OpenAPI path. A variable's literal segments stay in the path and each of
 * its wildcards becomes a parameter, so {@code /v1/{name=shelves/*}/books} is
 * {@code /v1/shelves/{name}/books}: a client fills in one segment and the slashes stay slashes (a
 * parameter whose value held {@code /} would be sent as {@code %2F}, which a template's literal
 * segments never match). A {@code **} is one parameter that may hold slashes (multi-segment). The
 * custom verb stays: {@code /v1/shelves/{name}:archive}.
 *
 * <p>Immutable.
 *
 * @param path the OpenAPI path, e.g. {@code /v1/shelves/{name}/books/{name.books}}
 * @param shape the path with every parameter name blanked ({@code /v1/shelves/{}/books/{}}): two
 *     paths of one shape are the same path to OpenAPI, whatever their parameter names
 * @param parameters in path order
 */
record OpenApiPath(String path, String shape, List<Parameter> parameters) {

  /**
   * One path parameter.
   *
   * @param name the name in the path, unique within it
   * @param field the request field it sets, empty for an anonymous wildcard
   * @param template the variable's whole template, e.g. {@code shelves/*}; the field gets the
   *     matched text of all of it
   * @param whole whether the parameter is the variable's whole value ({@code {name}} or
   *     {@code {name=*}}), so its schema may be the field's own
   * @param multiSegment whether it matches more than one segment ({@code **})
   */
  record Parameter(String name, Optional<FieldPath> field, String template, boolean whole,
      boolean multiSegment) {}

  static OpenApiPath of(PathTemplate template) {
    StringBuilder path = new StringBuilder();
    StringBuilder shape = new StringBuilder();
    List<Parameter> parameters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Segment segment : template.segments()) {
      if (segment instanceof Segment.Variable variable) {
        variable(variable, path, shape, parameters, names);
      } else {
        anonymous(segment, Optional.empty(), "", false, path, shape, parameters, names);
      }
    }
    if (template.segments().isEmpty()) {
      path.append('/');
      shape.append('/');
    }
    template.verb().ifPresent(verb -> {
      path.append(':').append(verb);
      shape.append(':').append(verb);
    });
    return new OpenApiPath(path.toString(), shape.toString(), parameters);
  }

  private static void variable(Segment.Variable variable, StringBuilder path, StringBuilder shape,
      List<Parameter> parameters, Set<String> names) {
    String dotted = variable.field().dotted();
    StringBuilder text = new StringBuilder();
    variable.format(text);
    String inner = text.indexOf("=") < 0 ? "*" : text.substring(text.indexOf("=") + 1,
        text.length() - 1);
    long wildcards = variable.segments().stream().filter(s -> !(s instanceof Segment.Literal))
        .count();
    boolean whole = variable.segments().size() == 1;
    String previous = null;
    for (Segment s : variable.segments()) {
      if (s instanceof Segment.Literal literal) {
        path.append('/').append(literal.value());
        shape.append('/').append(literal.value());
        previous = literal.value();
        continue;
      }
      // One wildcard: named after the field. Several: after the field and the literal before.
      String name = wildcards == 1 || previous == null ? dotted : dotted + "." + previous;
      parameter(s, Optional.of(variable.field()), inner, whole, path, shape, parameters, names,
          name);
    }
  }

  private static void anonymous(Segment segment, Optional<FieldPath> field, String template,
      boolean whole, StringBuilder path, StringBuilder shape, List<Parameter> parameters,
      Set<String> names) {
    if (segment instanceof Segment.Literal literal) {
      path.append('/').append(literal.value());
      shape.append('/').append(literal.value());
      return;
    }
    String base = segment instanceof Segment.DeepWildcard ? "rest" : "segment";
    parameter(segment, field, template, whole, path, shape, parameters, names, base);
  }

  private static void parameter(Segment segment, Optional<FieldPath> field, String template,
      boolean whole, StringBuilder path, StringBuilder shape, List<Parameter> parameters,
      Set<String> names, String base) {
    String name = base;
    for (int i = 2; !names.add(name); i++) {
      name = base + "_" + i;
    }
    boolean deep = segment instanceof Segment.DeepWildcard;
    path.append("/{").append(name).append('}');
    shape.append("/{}");
    parameters.add(new Parameter(name, field, template, whole, deep));
  }

  /** This path with the parameter names of {@code owner}, a path of the same shape. */
  OpenApiPath renamedAs(OpenApiPath owner) {
    List<Parameter> renamed = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      renamed.add(new Parameter(owner.parameters.get(i).name(), p.field(), p.template(),
          p.whole(), p.multiSegment()));
    }
    return new OpenApiPath(owner.path, shape, renamed);
  }
}
