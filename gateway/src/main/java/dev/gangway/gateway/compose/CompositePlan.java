package dev.gangway.gateway.compose;

import dev.gangway.transcoder.template.PathTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A composite route compiled at load: its route, its calls (an acyclic graph, checked at load)
 * and its response template.
 *
 * <p>Immutable and thread-safe; part of a snapshot's {@link CompositeRoutes}.
 *
 * @param calls in the order the configuration lists them; {@link CallPlan#index()} is the position
 * @param timeout the overall deadline before the client's {@code grpc-timeout} shortens it
 */
public record CompositePlan(
    String name,
    String httpMethod,
    PathTemplate template,
    Duration timeout,
    List<CallPlan> calls,
    ValueTemplate response,
    PathCaptures captures,
    MessageCodec codec) {

  public CompositePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(timeout, "timeout");
    calls = List.copyOf(calls);
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(captures, "captures");
    Objects.requireNonNull(codec, "codec");
  }

  /** {@code GET /v1/product-pages/{id}}. */
  public String describe() {
    return httpMethod + " " + template.format();
  }
}
