package dev.gangway.transcoder.openapi;

import static dev.gangway.transcoder.openapi.Json.obj;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.gangway.transcoder.descriptor.ProtoComments;
import dev.gangway.transcoder.options.TranscoderOptions;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.template.PathTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds an OpenAPI 3.1 document from HTTP bindings (and operations a caller describes itself,
 * such as the gateway's composites): one operation per binding and HTTP method, schemas in the
 * proto3 JSON form the transcoder reads and writes with {@code options}, descriptions from the
 * proto comments.
 *
 * <p>Not thread-safe; setup code, run once per snapshot, and so is the {@link OpenApiDocument} it
 * builds. The output does not depend on the order of the calls: paths, operations, tags and
 * schemas are sorted.
 *
 * <pre>{@code
 * OpenApiBuilder openApi = OpenApiBuilder.create(info, loaded.comments(), options);
 * transcoder.routes().forEach(r -> openApi.addBinding(r.binding(), List.of(), OperationFacts.PLAIN));
 * OpenApiDocument document = openApi.build();
 * }</pre>
 *
 * <p>A method with a {@code google.api.http} rule is described by its rule's bindings only; its
 * auto-mapped {@code POST /pkg.Service/Method} is served but not listed. What OpenAPI cannot say
 * is left out rather than said wrong: a binding with a custom HTTP
 * method outside OpenAPI's eight ({@code PURGE}) has no operation; a binding of every method
 * ({@code *}) is described under GET, PUT, POST, DELETE and PATCH.
 */
public final class OpenApiBuilder {
  /** OpenAPI's operation keys, in the order a path's operations are written. */
  static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final List<String> ANY_METHOD = List.of("get", "put", "post", "delete", "patch");

  private final OpenApiInfo info;
  private final Descriptions descriptions;
  private final Schemas schemas;
  private final Operations operations;
  /**
   * Path -> (method -> how to make its operation); sorted paths, methods ordered at build. The
   * operations themselves are made while the document is written, one at a time: the googleapis
   * corpus's 15,412 operations held 202 MiB as a tree.
   */
  private final SortedMap<String, Map<String, Supplier<Map<String, Object>>>> paths =
      new TreeMap<>();
  /** The first path seen of each shape: later paths of that shape take its parameter names. */
  private final Map<String, OpenApiPath> pathOfShape = new HashMap<>();
  private final SortedMap<String, Map<String, Object>> tags = new TreeMap<>();
  private final SortedMap<String, Map<String, Object>> securitySchemes = new TreeMap<>();
  private final Set<String> operationIds = new HashSet<>();
  private final List<Pending> pending = new ArrayList<>();
  private final Set<String> annotated = new HashSet<>();
  private final List<Pending> autoMapped = new ArrayList<>();
  private final List<String> autoMappedMethods = new ArrayList<>();
  private int count;

  private OpenApiBuilder(OpenApiInfo info, ProtoComments comments, TranscoderOptions options) {
    this.info = info;
    this.descriptions = new Descriptions(comments);
    this.schemas = new Schemas(descriptions,
        options.jsonFieldNames() == TranscoderOptions.JsonFieldNames.PROTO_NAME,
        options.enumsAsNumbers());
    this.operations = new Operations(schemas, descriptions, options.fillUpdateMask());
  }

  /**
   * @param comments the loaded descriptors' comments, for descriptions
   * @param options the transcoder's options: field names and enum spelling of the JSON
   */
  public static OpenApiBuilder create(
      OpenApiInfo info, ProtoComments comments, TranscoderOptions options) {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(comments, "comments");
    Objects.requireNonNull(options, "options");
    return new OpenApiBuilder(info, comments, options);
  }

  /** Adds the operation(s) of one plain binding: {@link OperationFacts#PLAIN}. */
  public OpenApiBuilder addBinding(HttpBinding binding, List<Map<String, List<String>>> security) {
    return addBinding(binding, security, OperationFacts.PLAIN);
  }

  /**
   * Adds the operation(s) of one binding.
   *
   * @param security the operation's security requirements (OpenAPI's list of alternatives, each
   *     a map from scheme name to scopes); empty when the route needs no credentials
   * @param facts the HTTP semantics the front end adds to the binding's answers
   */
  public OpenApiBuilder addBinding(HttpBinding binding, List<Map<String, List<String>>> security,
      OperationFacts facts) {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(facts, "facts");
    Pending operation = new Pending(sortKey(0, binding.httpMethod(), binding.template(),
        binding.method().getFullName() + "#" + binding.index()),
        () -> describe(binding, security, facts));
    if (binding.origin() == HttpBinding.Origin.AUTO_MAPPING) {
      autoMapped.add(operation);
      autoMappedMethods.add(binding.method().getFullName());
    } else {
      annotated.add(binding.method().getFullName());
      pending.add(operation);
    }
    return this;
  }

  private void describe(HttpBinding binding, List<Map<String, List<String>>> security,
      OperationFacts facts) {
    List<String> methods = methods(binding.httpMethod());
    if (methods.isEmpty()) {
      return;
    }
    ServiceDescriptor service = binding.method().getService();
    tags.computeIfAbsent(service.getFullName(), name -> obj(
        "name", name, "description", descriptions.of(service).orElse(null)));
    OpenApiPath path = path(binding.template());
    String baseId = operationId(service.getName() + "_" + binding.method().getName()
        + (binding.index() > 0 ? "_" + binding.index() : ""), binding.method().getFullName());
    for (String method : methods) {
      String id = methods.size() == 1 ? baseId : operationId(baseId + "_" + method, null);
      put(path, method, () -> {
        Map<String, Object> operation = operations.of(binding, path, id, method, facts);
        secure(operation, security);
        return operation;
      });
    }
  }

  /**
   * Adds an operation the caller describes (a composite route): the builder adds the path
   * parameters of {@code template} (which bind no request field), the error response and the
   * security requirements.
   *
   * @param operation the operation object without {@code parameters}: {@code operationId},
   *     {@code summary}, {@code responses} with the success response, ...
   */
  public OpenApiBuilder addOperation(String httpMethod, PathTemplate template, String tag,
      Map<String, Object> operation, List<Map<String, List<String>>> security) {
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(security, "security");
    pending.add(new Pending(sortKey(1, httpMethod, template, tag),
        () -> describe(httpMethod, template, tag, operation, security)));
    return this;
  }

  private void describe(String httpMethod, PathTemplate template, String tag,
      Map<String, Object> operation, List<Map<String, List<String>>> security) {
    List<String> methods = methods(httpMethod);
    if (methods.isEmpty()) {
      return;
    }
    OpenApiPath path = path(template);
    tags.computeIfAbsent(tag, name -> obj("name", name));
    Map<String, Object> op = new LinkedHashMap<>(operation);
    op.put("operationId", operationId(String.valueOf(op.get("operationId")), null));
    op.put("tags", Json.list(tag));
    List<Object> parameters = operations.pathParameters(null, path);
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> responses = new LinkedHashMap<>(
        (Map<String, Object>) op.getOrDefault("responses", obj()));
    responses.put("default", Operations.error(schemas));
    op.put("responses", responses);
    secure(op, security);
    put(path, methods.get(0), () -> op);
  }

  /** A reference to a message's schema (registered as a component), or its WKT form. */
  public Map<String, Object> schemaOf(Descriptor message) {
    return schemas.message(message);
  }

  /** The schema of a field's value (an array for repeated, an object for a map). */
  public Map<String, Object> schemaOf(FieldDescriptor field) {
    return schemas.field(field);
  }

  /** The property name a field has in the JSON ({@code json_name}, or the proto name). */
  public String jsonName(FieldDescriptor field) {
    return schemas.name(field);
  }

  /** Adds a security scheme under {@code name} ({@code components.securitySchemes}). */
  public OpenApiBuilder addSecurityScheme(String name, Map<String, Object> scheme) {
    securitySchemes.put(Objects.requireNonNull(name, "name"), new LinkedHashMap<>(scheme));
    return this;
  }

  /**
   * Builds the document. Call once: operations are described here, in a fixed order (bindings
   * before composites; explicit methods before {@code *}; GET first; then by template and
   * method name), so
   * which of two same-shaped paths names the parameters never depends on the order of the calls.
   * Names, operation ids and tags are fixed here; the operation objects and the schemas they
   * refer to are made when the document is written ({@link OpenApiDocument#writeTo}).
   */
  public OpenApiDocument build() {
    // The auto-mapped POST /pkg.Service/Method of an annotated method would double the document.
    for (int i = 0; i < autoMapped.size(); i++) {
      if (!annotated.contains(autoMappedMethods.get(i))) {
        pending.add(autoMapped.get(i));
      }
    }
    pending.sort(Comparator.comparing(Pending::key));
    pending.forEach(p -> p.describe().run());
    pending.clear();
    Map<String, Object> pathsOut = obj();
    paths.forEach((path, byMethod) -> {
      Map<String, Supplier<Map<String, Object>>> ordered = new LinkedHashMap<>();
      for (String method : METHODS) {
        if (byMethod.containsKey(method)) {
          ordered.put(method, byMethod.get(method));
        }
      }
      pathsOut.put(path, ordered);
    });
    // After the paths: writing them registers the schemas their operations refer to.
    Supplier<Map<String, Object>> components = () -> {
      Map<String, Object> out = obj("schemas", schemas.components());
      if (!securitySchemes.isEmpty()) {
        out.put("securitySchemes", new LinkedHashMap<>(securitySchemes));
      }
      return out;
    };
    Map<String, Object> root = obj(
        "openapi", "3.1.0",
        "info", obj("title", info.title(), "version", info.version(),
            "description", info.description().orElse(null)),
        "tags", new ArrayList<Object>(tags.values()),
        "paths", pathsOut,
        "components", components);
    return new OpenApiDocument(root, count);
  }

  /**
   * Bindings before composites, explicit methods before {@code *}, then GET before PUT, POST, ...
   * (so the GET of a resource names the parameters of its path), then by template and name.
   */
  private static String sortKey(int kind, String httpMethod, PathTemplate template, String name) {
    int rank = METHODS.indexOf(httpMethod.toLowerCase(java.util.Locale.ROOT));
    return kind + (httpMethod.equals("*") ? "1" : "0") + (rank < 0 ? 9 : rank) + " "
        + template.format() + " " + httpMethod + " " + name;
  }

  /** An operation to describe at build, and where it comes in the order. */
  private record Pending(String key, Runnable describe) {}

  private static List<String> methods(String httpMethod) {
    if (httpMethod.equals("*")) {
      return ANY_METHOD;
    }
    String method = httpMethod.toLowerCase(java.util.Locale.ROOT);
    return METHODS.contains(method) ? List.of(method) : List.of();
  }

  private OpenApiPath path(PathTemplate template) {
    OpenApiPath path = OpenApiPath.of(template);
    OpenApiPath owner = pathOfShape.putIfAbsent(path.shape(), path);
    return owner == null ? path : path.renamedAs(owner);
  }

  /** {@code preferred}, or the full name spelled with underscores, or a numbered variant. */
  private String operationId(String preferred, String fullName) {
    if (operationIds.add(preferred)) {
      return preferred;
    }
    if (fullName != null && operationIds.add(fullName.replace('.', '_'))) {
      return fullName.replace('.', '_');
    }
    String id = preferred;
    for (int i = 2; !operationIds.add(id); i++) {
      id = preferred + "_" + i;
    }
    return id;
  }

  private static void secure(Map<String, Object> operation,
      List<Map<String, List<String>>> security) {
    if (!security.isEmpty()) {
      List<Object> alternatives = new ArrayList<>();
      for (Map<String, List<String>> alternative : security) {
        Map<String, Object> sorted = new LinkedHashMap<>();
        new TreeMap<>(alternative).forEach((k, v) -> sorted.put(k, new ArrayList<Object>(v)));
        alternatives.add(sorted);
      }
      operation.put("security", alternatives);
    }
  }

  private void put(OpenApiPath path, String method, Supplier<Map<String, Object>> operation) {
    Map<String, Supplier<Map<String, Object>>> byMethod =
        paths.computeIfAbsent(path.path(), p -> new HashMap<>());
    // The route table serves one route per method and shape, so a second is a caller's mistake.
    if (byMethod.putIfAbsent(method, operation) == null) {
      count++;
    }
  }
}
