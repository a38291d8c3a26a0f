package dev.gangway.transcoder.openapi;

import static dev.gangway.transcoder.openapi.Json.obj;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.transcoder.routing.HttpBinding;
import dev.gangway.transcoder.template.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI operation of one HTTP binding: parameters from the template and the request
 * message, the request body from the rule's {@code body}, the success response from the
 * response message or {@code response_body}, every error as {@code google.rpc.Status}, streams
 * marked as such (docs/streaming.md: NDJSON or SSE out, NDJSON in, bidi over WebSocket only),
 * and the route's {@link OperationFacts} on a unary method ({@link SemanticsDocs}).
 *
 * <p>Not thread-safe; confine to one {@link OpenApiBuilder}.
 */
final class Operations {
  static final String HTTP_BODY = "google.api.HttpBody";
  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";
  static final String SSE = "text/event-stream";
  private static final Map<String, Object> RAW = obj("type", "string", "format", "binary");

  private final Schemas schemas;
  private final Descriptions descriptions;
  private final boolean fillUpdateMask;

  /** @param fillUpdateMask the transcoder fills an absent update_mask of a PATCH from its body */
  Operations(Schemas schemas, Descriptions descriptions, boolean fillUpdateMask) {
    this.schemas = schemas;
    this.descriptions = descriptions;
    this.fillUpdateMask = fillUpdateMask;
  }

  /**
   * The operation of {@code binding} at {@code path} (whose parameter names it uses).
   *
   * @param httpMethod the OpenAPI method the operation is under ({@code get})
   */
  Map<String, Object> of(HttpBinding binding, OpenApiPath path, String operationId,
      String httpMethod, OperationFacts facts) {
    MethodDescriptor method = binding.method();
    Optional<String> doc = descriptions.of(method);
    List<Object> parameters = new ArrayList<>(pathParameters(method.getInputType(), path));
    Set<String> bound = new HashSet<>();
    path.parameters().forEach(p -> p.field().ifPresent(f -> bound.add(f.dotted())));
    parameters.addAll(QueryParameters.of(
        method.getInputType(), bound, binding.body(), schemas, descriptions));
    if (fillUpdateMask) {
      binding.filledUpdateMask().ifPresent(mask -> noteFilledMask(parameters, schemas.name(mask)));
    }
    boolean unary = !method.isClientStreaming() && !method.isServerStreaming();
    // A client stream reads no conditional headers; only a unary call gets the response facts.
    parameters.addAll(SemanticsDocs.headerParameters(
        facts, httpMethod, !method.isClientStreaming(), unary));
    return obj(
        "operationId", operationId,
        "tags", Json.list(method.getService().getFullName()),
        "summary", doc.map(Descriptions::summary).orElse(method.getName()),
        "description", doc.orElse(null),
        "parameters", parameters.isEmpty() ? null : parameters,
        "requestBody", requestBody(binding),
        "responses", responses(binding, httpMethod, unary ? facts : OperationFacts.PLAIN),
        "deprecated", method.getOptions().getDeprecated() ? true : null,
        "x-gangway-grpc-method",
        method.getService().getFullName() + "/" + method.getName(),
        "x-gangway-streaming", streaming(method));
  }

  private static String streaming(MethodDescriptor method) {
    if (method.isClientStreaming() && method.isServerStreaming()) {
      return "bidi";
    }
    if (method.isClientStreaming()) {
      return "client";
    }
    return method.isServerStreaming() ? "server" : null;
  }

  /** The update_mask query parameter says what an absent one becomes. */
  private static void noteFilledMask(List<Object> parameters, String name) {
    for (Object parameter : parameters) {
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) parameter;
      if (p.get("name").equals(name) && p.get("in").equals("query")) {
        StringBuilder doc = new StringBuilder((String) p.getOrDefault("description", ""));
        note(doc, "When it is left out, the gateway fills it with the JSON body's keys:"
            + " `{\"title\":\"x\",\"author\":{\"name\":\"y\"}}` is `title,author.name`.");
        p.put("description", doc.toString());
      }
    }
  }

  /** Path parameters; a composite's captures have no request message ({@code request} null). */
  List<Object> pathParameters(Descriptor request, OpenApiPath path) {
    List<Object> out = new ArrayList<>();
    for (OpenApiPath.Parameter p : path.parameters()) {
      Optional<FieldDescriptor> field = request == null ? Optional.empty()
          : p.field().flatMap(f -> resolve(request, f));
      Map<String, Object> schema = p.whole() && !p.multiSegment() && field.isPresent()
          && !field.get().isRepeated()
          && field.get().getJavaType() != FieldDescriptor.JavaType.MESSAGE
          ? schemas.field(field.get()) : obj("type", "string");
      out.add(obj(
          "name", p.name(),
          "in", "path",
          "required", true,
          "description", pathDescription(p, field),
          "schema", schema,
          "x-gangway-multi-segment", p.multiSegment() ? true : null));
    }
    return out;
  }

  private String pathDescription(OpenApiPath.Parameter p, Optional<FieldDescriptor> field) {
    StringBuilder doc = new StringBuilder(field.flatMap(descriptions::of).orElse(""));
    String sets = p.field().map(f -> "Sets `" + f.dotted() + "`").orElse("Matches");
    if (p.multiSegment()) {
      note(doc, sets + " from one or more path segments (multi-segment: may contain `/`, sent"
          + " unescaped).");
    } else if (!p.whole()) {
      note(doc, sets + " to the text that matches `" + p.template() + "`; this parameter is one"
          + " segment of it.");
    }
    return doc.length() == 0 ? null : doc.toString();
  }

  private static void note(StringBuilder doc, String note) {
    doc.append(doc.length() == 0 ? "" : "\n\n").append(note);
  }

  /** The field a dotted proto-name path names, or empty when it names none. */
  static Optional<FieldDescriptor> resolve(Descriptor type, FieldPath path) {
    FieldDescriptor field = null;
    for (String name : path.names()) {
      if (type == null) {
        return Optional.empty();
      }
      field = type.findFieldByName(name);
      if (field == null) {
        return Optional.empty();
      }
      type = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          ? field.getMessageType() : null;
    }
    return Optional.ofNullable(field);
  }

  private Map<String, Object> requestBody(HttpBinding binding) {
    MethodDescriptor method = binding.method();
    Descriptor request = method.getInputType();
    if (binding.body().isEmpty()) {
      return null;
    }
    Map<String, Object> schema;
    boolean raw;
    if (binding.body().equals("*")) {
      raw = request.getFullName().equals(HTTP_BODY);
      schema = raw ? RAW : schemas.message(request);
    } else {
      FieldDescriptor field = request.findFieldByName(binding.body());
      raw = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && field.getMessageType().getFullName().equals(HTTP_BODY);
      schema = raw ? RAW : schemas.field(field);
    }
    if (raw) {
      return obj("required", true, "content", obj("*/*", obj("schema", schema)));
    }
    if (method.isClientStreaming()) {
      return obj("required", true,
          "description", "A stream of request messages: one JSON message per line (NDJSON).",
          "content", obj(NDJSON, obj("schema", schema)));
    }
    return obj("content", obj(JSON, obj("schema", schema)));
  }

  private Map<String, Object> responses(
      HttpBinding binding, String httpMethod, OperationFacts facts) {
    MethodDescriptor method = binding.method();
    Descriptor response = method.getOutputType();
    Map<String, Object> schema;
    boolean raw;
    if (binding.responseBody().isEmpty()) {
      raw = response.getFullName().equals(HTTP_BODY);
      schema = raw ? RAW : schemas.message(response);
    } else {
      FieldDescriptor field = response.findFieldByName(binding.responseBody());
      raw = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && field.getMessageType().getFullName().equals(HTTP_BODY);
      schema = raw ? RAW : schemas.field(field);
    }
    Map<String, Object> ok;
    if (raw) {
      ok = obj("description", "The raw body, with the Content-Type the backend set.",
          "content", obj("*/*", obj("schema", schema)));
    } else if (method.isServerStreaming()) {
      ok = obj("description", "A stream of response messages: one JSON message per line"
              + " (NDJSON), or Server-Sent Events with `Accept: text/event-stream`. An error"
              + " after the first message ends the stream with a line"
              + " `{\"error\": <google.rpc.Status>}` (NDJSON) or an `error` event (SSE).",
          "content", obj(NDJSON, obj("schema", schema), SSE, obj("schema", obj("type", "string"))));
    } else {
      ok = obj("description", "OK", "content", obj(JSON, obj("schema", schema)));
    }
    Map<String, Object> responses = SemanticsDocs.success(facts, httpMethod, ok);
    if (method.isClientStreaming() || method.isServerStreaming()) {
      responses.put("101", obj("description", "Switching Protocols: the stream over a WebSocket"
          + " (GET with `Upgrade: websocket`), one JSON message per text frame"
          + (method.isClientStreaming() && method.isServerStreaming()
              ? "; the only way to call a bidirectional stream." : ".")));
    }
    responses.put("default", error(schemas));
    return responses;
  }

  /** The error response every operation has: a {@code google.rpc.Status} in JSON. */
  static Map<String, Object> error(Schemas schemas) {
    return obj("description", "An error: the HTTP status follows the gRPC code"
            + " (docs/mapping.md#errors), the body is a google.rpc.Status.",
        "content", obj(JSON, obj("schema", schemas.message(com.google.rpc.Status.getDescriptor()))));
  }
}
