package dev.gangway.gateway.compose;

import java.util.List;
import java.util.Objects;

/**
 * How a composite request ended: a composed body, or the status of the failure.
 *
 * <p>Immutable.
 */
public sealed interface CompositeOutcome
    permits CompositeOutcome.Composed, CompositeOutcome.Failed {

  /**
   * The composed JSON response.
   *
   * @param body UTF-8 JSON; handed over without a copy
   * @param partial the calls whose part is missing (failed optional calls and the calls that
   *     depended on them), in configuration order; empty when complete
   */
  record Composed(byte[] body, List<String> partial) implements CompositeOutcome {
    public Composed {
      Objects.requireNonNull(body, "body");
      partial = List.copyOf(partial);
    }
  }

  /** A required call failed, or the overall deadline passed; rendered like any gRPC error. */
  record Failed(com.google.rpc.Status status) implements CompositeOutcome {
    public Failed {
      Objects.requireNonNull(status, "status");
    }
  }
}
