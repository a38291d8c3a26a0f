package dev.gangway.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One composite route: an HTTP method and path template answered by several gRPC calls whose
 * results are composed into one JSON response (docs/composition.md).
 *
 * <p>Immutable: the JSON templates are deep-copied in and out, since Jackson trees are mutable.
 *
 * @param name unique name, used in errors, the admin API and logs
 * @param httpMethod upper-case HTTP method
 * @param path the path template, google.api.http grammar
 * @param timeout the overall deadline of the composite
 * @param calls the calls in the order the file lists them
 * @param response the response template (a JSON object); empty for the default, an object keyed
 *     by call name
 */
public record CompositeConfig(
    String name,
    String httpMethod,
    String path,
    Duration timeout,
    List<CallConfig> calls,
    Optional<JsonNode> response) {

  /** The overall deadline when {@code timeout} is not set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public CompositeConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
    calls = List.copyOf(calls);
    response = response.map(JsonNode::deepCopy);
  }

  @Override
  public Optional<JsonNode> response() {
    return response.map(JsonNode::deepCopy);
  }

  /**
   * One named gRPC call of a composite.
   *
   * @param name unique within the composite; other calls and the response refer to it
   * @param method the gRPC method's full name, {@code pkg.Service.Method}
   * @param request the request template, a JSON object in the proto3 JSON form of the input type
   * @param optional whether the composite still answers 200 (with this part null) when it fails
   * @param timeout the call's own deadline cap; empty for none beyond the route's or backend's
   * @param headers request headers forwarded as metadata to this call (lower case); empty for the
   *     gateway's normal header mapping
   * @param forEach {@code call.field.path} of a repeated field of an earlier result: the call
   *     runs once per element; empty for a single call
   * @param concurrency how many element calls of a for_each call run at once
   */
  public record CallConfig(
      String name,
      String method,
      JsonNode request,
      boolean optional,
      Optional<Duration> timeout,
      Optional<List<String>> headers,
      Optional<String> forEach,
      int concurrency) {

    /** The for_each concurrency limit when {@code concurrency} is not set. */
    public static final int DEFAULT_CONCURRENCY = 4;

    public CallConfig {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(method, "method");
      request = request.deepCopy();
      Objects.requireNonNull(timeout, "timeout");
      headers = headers.map(List::copyOf);
      Objects.requireNonNull(forEach, "forEach");
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
      }
    }

    /** A call with an empty request and default options, for tests and code-built configs. */
    public static CallConfig of(String name, String method, JsonNode request) {
      return new CallConfig(name, method, request, false, Optional.empty(), Optional.empty(),
          Optional.empty(), DEFAULT_CONCURRENCY);
    }

    @Override
    public JsonNode request() {
      return request.deepCopy();
    }

    /** An empty request template. */
    public static ObjectNode emptyRequest() {
      return JsonNodeFactory.instance.objectNode();
    }
  }
}
