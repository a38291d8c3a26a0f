package dev.gangway.gateway.testing;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;

/** What the test service reports about the deadline of the call it runs in. */
final class Deadlines {
  private Deadlines() {}

  /** Milliseconds left until the current call's deadline; -1 when it has none. */
  static long remainingMs() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS);
  }
}
