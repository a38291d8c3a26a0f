package dev.gangway.gateway.auth;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What one provider made of a request's credentials.
 *
 * <p>Immutable. {@link Pending} is the only asynchronous outcome: a JWT signed with a key id the
 * provider has not seen, while its JWKS is being fetched again.
 */
public sealed interface Authentication {
  /** The request carries no credentials of this provider's kind. */
  record Absent(String hint) implements Authentication {
    public Absent {
      Objects.requireNonNull(hint, "hint");
    }
  }

  /** The credentials are good. */
  record Verified(Identity identity) implements Authentication {
    public Verified {
      Objects.requireNonNull(identity, "identity");
    }
  }

  /**
   * The credentials are bad: {@code reason} says why without repeating them (a token or key is
   * never echoed).
   */
  record Rejected(String reason) implements Authentication {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Ask again when {@code ready} completes (it never completes exceptionally). */
  record Pending(CompletableFuture<Void> ready) implements Authentication {
    public Pending {
      Objects.requireNonNull(ready, "ready");
    }
  }
}
