package dev.gangway.gateway.auth;

/**
 * One configured provider, ready to check requests.
 *
 * <p>Implementations are immutable and thread-safe (a JWT provider reads its key set through a
 * thread-safe source) and never block.
 */
public sealed interface Authenticator
    permits JwtAuthenticator, ApiKeyAuthenticator, ClientCertAuthenticator {
  String name();

  /** The provider's kind as configured: {@code jwt}, {@code api_key}, {@code client_certificate}. */
  String kind();

  Authentication authenticate(Credentials credentials);

  /** For the RFC 6750 challenge: whether a failure of this provider is a bearer-token failure. */
  default boolean bearer() {
    return false;
  }
}
