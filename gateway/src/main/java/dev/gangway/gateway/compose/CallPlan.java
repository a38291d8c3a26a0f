package dev.gangway.gateway.compose;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.gangway.gateway.backend.BoundMethod;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of a composite, compiled: the bound method, the request template with its references
 * resolved, the calls it waits for and its options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index position in the composite's call list (results are kept by index)
 * @param forEach the repeated field the call runs once per element of; empty for a single call
 * @param forEachText {@code reviews.reviews} as configured, for the admin API
 * @param headers the metadata keys of the forwarded headers; empty for the normal mapping
 * @param dependsOn indexes of the calls whose results this one reads, ascending
 */
public record CallPlan(
    String name,
    int index,
    MethodDescriptor method,
    BoundMethod bound,
    ValueTemplate request,
    boolean optional,
    Optional<Duration> timeout,
    Optional<List<Metadata.Key<String>>> headers,
    Optional<Source.CallField> forEach,
    Optional<String> forEachText,
    int concurrency,
    List<Integer> dependsOn) {

  public CallPlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(timeout, "timeout");
    headers = headers.map(List::copyOf);
    Objects.requireNonNull(forEach, "forEach");
    Objects.requireNonNull(forEachText, "forEachText");
    dependsOn = List.copyOf(dependsOn);
  }

  /** {@code pkg.Service/Method}, the name on the wire and in error messages. */
  public String grpcMethodName() {
    return bound.grpcMethod().getFullMethodName(); // built once per snapshot
  }

  /** The call's own cap: its {@code timeout}, at most the method's route or backend timeout. */
  public Duration cap() {
    Duration bound = this.bound.timeout();
    return timeout.filter(t -> t.compareTo(bound) < 0).orElse(bound);
  }

  /** The metadata this call is sent with (a fresh copy; gRPC may keep it). */
  Metadata metadata(RequestInputs inputs) {
    Metadata metadata = new Metadata();
    if (headers.isEmpty()) {
      metadata.merge(inputs.metadata());
      return metadata;
    }
    for (Metadata.Key<String> key : headers.get()) {
      List<String> values = inputs.headers().get(key.name());
      if (values != null && !inputs.identityNames().contains(key.name())) {
        values.forEach(v -> metadata.put(key, v));
      }
    }
    // The verified identity goes with every call, whatever its headers list says.
    for (String name : inputs.identityNames()) {
      Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
      Iterable<String> values = inputs.metadata().getAll(key);
      if (values != null) {
        values.forEach(v -> metadata.put(key, v));
      }
    }
    return metadata;
  }
}
