package dev.gangway.gateway.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a request meets a requirement.
 *
 * <p>Immutable.
 */
public sealed interface Verdict {
  /** Met; {@code identity} is empty for a public requirement. */
  record Met(Optional<Identity> identity) implements Verdict {
    public Met {
      Objects.requireNonNull(identity, "identity");
    }
  }

  /** Missed: why, and which answer it deserves. */
  record Missed(Failure failure) implements Verdict {
    public Missed {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** Undecided until a JWKS fetch completes; evaluate again then. */
  record Wait(CompletableFuture<Void> ready) implements Verdict {
    public Wait {
      Objects.requireNonNull(ready, "ready");
    }
  }
}
