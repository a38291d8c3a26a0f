package dev.gangway.transcoder.openapi;

import static dev.gangway.transcoder.openapi.Json.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents a binding's {@link OperationFacts}: the success status (204 without content), the
 * {@code Location}, {@code ETag} and copied metadata as response headers, {@code If-Match} and
 * {@code If-None-Match} as header parameters, and the 304 a GET or HEAD answers when
 * {@code If-None-Match} names the current entity tag (RFC 9110 sections 8.8.3, 13.1.1, 13.1.2,
 * 15.4.5).
 *
 * <p>Stateless.
 */
final class SemanticsDocs {
  private static final Map<String, Object> STRING = obj("type", "string");

  private SemanticsDocs() {}

  /**
   * The conditional headers the route binds to request fields, and {@code If-None-Match} where
   * it can answer 304.
   *
   * @param httpMethod the operation's OpenAPI method ({@code get})
   * @param bound whether the route binds request headers at all (not a client stream)
   */
  static List<Object> headerParameters(
      OperationFacts facts, String httpMethod, boolean bound, boolean unary) {
    List<Object> out = new ArrayList<>();
    if (!bound) {
      return out;
    }
    facts.ifMatchField().ifPresent(field -> out.add(header("If-Match",
        "Makes the call conditional on an entity tag (an `ETag` this API sent): the first tag,"
            + " without quotes and `W/`, is sent in the request field `" + field + "`. A stale"
            + " tag is the backend's to refuse (AIP-154 answers `ABORTED`: 409).")));
    boolean notModified = notModified(facts, httpMethod, unary);
    if (facts.ifNoneMatchField().isPresent() || notModified) {
      StringBuilder doc = new StringBuilder("Entity tags the client already has.");
      facts.ifNoneMatchField().ifPresent(field -> doc.append(" The first tag, without quotes and"
          + " `W/`, is sent in the request field `").append(field).append("`."));
      if (notModified) {
        doc.append(" When a listed tag matches the response's `ETag` (weak comparison), the"
            + " answer is 304 Not Modified without a body.");
      }
      out.add(header("If-None-Match", doc.toString()));
    }
    return out;
  }

  /**
   * The success responses: {@code ok} (the 200 response as transcoding describes it) under the
   * route's status, with its headers, and 304 where it applies. A 204 has no content.
   */
  static Map<String, Object> success(
      OperationFacts facts, String httpMethod, Map<String, Object> ok) {
    Map<String, Object> response = Json.copy(ok);
    switch (facts.status()) {
      case 201 -> response.put("description", "Created");
      case 202 -> response.put("description", "Accepted: the work is done after the answer.");
      case 204 -> {
        response.remove("content");
        response.put("description", "No Content: the call succeeded; the response message is"
            + " not sent.");
      }
      default -> { } // 200: as transcoding describes it
    }
    Map<String, Object> headers = obj();
    facts.location().ifPresent(template -> headers.put("Location", obj(
        "description", "Where the resource is: `" + template + "` with the response's fields;"
            + " left out when one of them is empty.",
        "schema", STRING)));
    facts.etagField().ifPresent(field -> headers.put("ETag", etag(field)));
    for (String name : facts.responseHeaders()) {
      headers.putIfAbsent(name, obj(
          "description", "The backend's `" + name + "` response metadata, when it sends it (also"
              + " as `Grpc-Metadata-" + name + "`).",
          "schema", STRING));
    }
    if (!headers.isEmpty()) {
      response.put("headers", headers);
    }
    Map<String, Object> out = obj(String.valueOf(facts.status()), response);
    if (notModified(facts, httpMethod, true)) {
      out.put("304", obj(
          "description", "Not Modified: `If-None-Match` names the current entity tag; no body.",
          "headers", obj("ETag", etag(facts.etagField().orElseThrow()))));
    }
    return out;
  }

  /** A GET or HEAD of a unary route with an entity tag answers 304 to a matching tag. */
  private static boolean notModified(OperationFacts facts, String httpMethod, boolean unary) {
    return unary && facts.etagField().isPresent()
        && (httpMethod.equals("get") || httpMethod.equals("head"));
  }

  private static Map<String, Object> etag(String field) {
    return obj("description", "The entity tag of the response: its `" + field + "` field,"
        + " quoted (as it is when it already is an entity tag).", "schema", STRING);
  }

  private static Map<String, Object> header(String name, String description) {
    return obj("name", name, "in", "header", "required", false, "description", description,
        "schema", STRING);
  }
}
