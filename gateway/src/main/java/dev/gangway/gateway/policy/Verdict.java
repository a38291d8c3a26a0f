package dev.gangway.gateway.policy;

import com.google.rpc.Status;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link RoutePolicy} decided about one request.
 *
 * <p>Immutable.
 */
public sealed interface Verdict
    permits Verdict.Proceed, Verdict.Reject, Verdict.Answered, Verdict.Later {

  /** Go on: the next policy, then the route's handler. */
  static Verdict proceed() {
    return Proceed.INSTANCE;
  }

  /**
   * Refuse: the stage answers with {@code status} through the gateway's one error renderer, as
   * {@code google.rpc.Status} JSON with the HTTP status of the code's row in the status table
   * (UNAUTHENTICATED 401, PERMISSION_DENIED 403, RESOURCE_EXHAUSTED 429, ...). No later policy
   * runs and no backend is called.
   */
  static Verdict reject(Status status) {
    return new Reject(status);
  }

  /**
   * The policy has answered the request itself (a CORS preflight's 204, say) and completes the
   * exchange: nothing else runs.
   */
  static Verdict answered() {
    return Answered.INSTANCE;
  }

  /**
   * Decided later, when {@code verdict} completes (on any thread): the stage waits without
   * blocking and goes on from this policy's verdict on the exchange's IO thread. A verdict that
   * completes exceptionally is a 500, logged.
   */
  static Verdict later(CompletionStage<Verdict> verdict) {
    return new Later(verdict);
  }

  /** See {@link #proceed()}. */
  record Proceed() implements Verdict {
    static final Proceed INSTANCE = new Proceed();
  }

  /** See {@link #reject(Status)}. */
  record Reject(Status status) implements Verdict {
    public Reject {
      Objects.requireNonNull(status, "status");
    }
  }

  /** See {@link #answered()}. */
  record Answered() implements Verdict {
    static final Answered INSTANCE = new Answered();
  }

  /** See {@link #later(CompletionStage)}. */
  record Later(CompletionStage<Verdict> verdict) implements Verdict {
    public Later {
      Objects.requireNonNull(verdict, "verdict");
    }
  }
}
