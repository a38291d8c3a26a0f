package dev.gangway.gateway.http;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.gangway.transcoder.MethodRoute;

/**
 * Which routes carry raw bytes as {@code google.api.HttpBody} rather than JSON: the response
 * (the output type, or the {@code response_body} field, is an HttpBody) and the request (the
 * input type with {@code body: "*"}, or the rule's {@code body} field, is an HttpBody). The
 * transcoder already binds and renders such bodies; streams need to know to frame them raw.
 *
 * <p>Stateless and thread-safe. Asked once per streaming request: one field lookup at most.
 */
final class HttpBodies {
  static final String HTTP_BODY = "google.api.HttpBody";

  private HttpBodies() {}

  /** Whether each response message is sent as the raw bytes of an HttpBody. */
  static boolean rawResponse(MethodRoute route) {
    return isHttpBody(route.method().getOutputType(), route.binding().responseBody());
  }

  /** Whether the request body binds as the raw bytes of an HttpBody. */
  static boolean rawRequest(MethodRoute route) {
    String body = route.binding().body();
    return !body.isEmpty()
        && isHttpBody(route.method().getInputType(), body.equals("*") ? "" : body);
  }

  /** {@code type} itself when {@code field} is empty, else its top-level field {@code field}. */
  private static boolean isHttpBody(Descriptor type, String field) {
    if (field.isEmpty()) {
      return type.getFullName().equals(HTTP_BODY);
    }
    FieldDescriptor selected = type.findFieldByName(field);
    return selected != null
        && !selected.isRepeated()
        && selected.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && selected.getMessageType().getFullName().equals(HTTP_BODY);
  }
}
