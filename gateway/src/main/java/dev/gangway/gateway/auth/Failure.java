package dev.gangway.gateway.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A requirement a request missed, as the client will read it.
 *
 * <p>Immutable.
 *
 * @param kind 401 (who are you?) or 403 (not you)
 * @param message names the requirement that failed, never the credentials
 * @param bearerError the RFC 6750 section 3.1 error code when a bearer token is at fault;
 *     empty when no token was sent
 * @param scope the missing scope, for {@code insufficient_scope}
 */
public record Failure(Kind kind, String message, Optional<String> bearerError,
    Optional<String> scope) {
  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(bearerError, "bearerError");
    Objects.requireNonNull(scope, "scope");
  }

  /** The two answers. */
  public enum Kind {
    /** 401 UNAUTHENTICATED with {@code WWW-Authenticate}. */
    UNAUTHENTICATED,
    /** 403 PERMISSION_DENIED. */
    FORBIDDEN
  }

  static Failure unauthenticated(String message, Optional<String> bearerError) {
    return new Failure(Kind.UNAUTHENTICATED, message, bearerError, Optional.empty());
  }

  static Failure forbidden(String message, Optional<String> scope) {
    return new Failure(Kind.FORBIDDEN, message,
        scope.map(s -> "insufficient_scope"), scope);
  }
}
