package dev.gangway.gateway.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * One request's authentications, each provider asked at most once however often a requirement
 * names it.
 *
 * <p>Not thread-safe; confined to the request's handling.
 */
public final class RequestAuth {
  private final Credentials credentials;
  private final boolean refreshed;
  private final Map<Authenticator, Authentication> results = new HashMap<>(4);

  /**
   * @param refreshed whether this is the second look after a JWKS refresh, when a still-unknown
   *     key is a rejection rather than another wait
   */
  public RequestAuth(Credentials credentials, boolean refreshed) {
    this.credentials = credentials;
    this.refreshed = refreshed;
  }

  Authentication of(Authenticator authenticator) {
    Authentication result = results.get(authenticator);
    if (result == null) {
      result = refreshed && authenticator instanceof JwtAuthenticator jwt
          ? jwt.afterRefresh(credentials) : authenticator.authenticate(credentials);
      results.put(authenticator, result);
    }
    return result;
  }

  public Credentials credentials() {
    return credentials;
  }
}
