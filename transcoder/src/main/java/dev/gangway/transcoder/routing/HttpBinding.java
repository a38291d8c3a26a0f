package dev.gangway.transcoder.routing;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.transcoder.template.PathTemplate;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP binding of a gRPC method: the top-level {@code google.api.http} rule, one of its
 * {@code additional_bindings}, or the auto-mapping {@code POST /<service>/<method>}.
 *
 * <p>Immutable.
 *
 * @param method the gRPC method
 * @param httpMethod upper-case HTTP method ({@code GET}, {@code HEAD}, ...), or {@code *} for any
 * @param template the parsed path template
 * @param body the rule's {@code body}: empty for none, {@code *}, or a top-level field name
 * @param responseBody the rule's {@code response_body}: empty for the whole message, or a field
 * @param origin where this binding came from (precedence among conflicting routes)
 * @param index 0 for the top-level rule, 1.. for additional bindings in order
 */
public record HttpBinding(
    MethodDescriptor method,
    String httpMethod,
    PathTemplate template,
    String body,
    String responseBody,
    Origin origin,
    int index) {

  /** Where a binding came from. Declared in precedence order: earlier wins a conflict. */
  public enum Origin {
    ANNOTATION,
    ADDITIONAL_BINDING,
    AUTO_MAPPING
  }

  public HttpBinding {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(responseBody, "responseBody");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * The request's {@code google.protobuf.FieldMask update_mask} that this binding fills with the
   * JSON body's keys when the client sends none (grpc-gateway's patch feature, unless
   * {@code TranscoderOptions.fillUpdateMask} turns it off): only for a PATCH whose {@code body}
   * is one singular message field of the API's own (not a well-known type, not a
   * {@code google.api.HttpBody}). Empty for every other binding; docs/mapping.md, "PATCH without
   * update_mask". The binder and the OpenAPI document both ask here.
   */
  public Optional<FieldDescriptor> filledUpdateMask() {
    if (!httpMethod.equals("PATCH") || body.isEmpty() || body.equals("*")) {
      return Optional.empty();
    }
    FieldDescriptor resource = method.getInputType().findFieldByName(body);
    FieldDescriptor mask = method.getInputType().findFieldByName("update_mask");
    boolean fills = resource != null && !resource.isRepeated()
        && resource.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && !resource.getMessageType().getFullName().startsWith("google.protobuf.")
        && !resource.getMessageType().getFullName().equals("google.api.HttpBody")
        && mask != null && !mask.isRepeated()
        && mask.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && mask.getMessageType().getFullName().equals("google.protobuf.FieldMask");
    return fills ? Optional.of(mask) : Optional.empty();
  }

  /** {@code GET /v1/{name=shelves/*}} (for messages and the admin API). */
  public String describe() {
    return httpMethod + " " + template.format();
  }
}
