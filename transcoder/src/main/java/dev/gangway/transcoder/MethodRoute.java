package dev.gangway.transcoder;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.transcoder.internal.binding.BindingPlan;
import dev.gangway.transcoder.internal.json.ResponsePlan;
import dev.gangway.transcoder.routing.HttpBinding;
import java.util.Objects;

/**
 * One served HTTP binding with everything compiled for it: how to build the request message and
 * how to render the response.
 *
 * <p>Immutable and thread-safe; part of a {@link Transcoder} snapshot.
 *
 * @param binding the HTTP binding (method, template, body, response_body)
 * @param request the compiled request binding plan
 * @param response the compiled response plan
 */
public record MethodRoute(HttpBinding binding, BindingPlan request, ResponsePlan response) {
  public MethodRoute {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
  }

  public MethodDescriptor method() {
    return binding.method();
  }

  /** The gRPC method name on the wire: {@code package.Service/Method}. */
  public String grpcMethodName() {
    return binding.method().getService().getFullName() + "/" + binding.method().getName();
  }

  /** {@code GET /v1/{name=shelves/*} -> pkg.Service.Method} for logs, conflicts and the admin API. */
  public String describe() {
    return binding.describe() + " -> " + binding.method().getFullName();
  }

  public boolean clientStreaming() {
    return binding.method().isClientStreaming();
  }

  public boolean serverStreaming() {
    return binding.method().isServerStreaming();
  }
}
