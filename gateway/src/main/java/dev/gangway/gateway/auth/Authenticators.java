package dev.gangway.gateway.auth;

import dev.gangway.gateway.config.AccessConfig;
import dev.gangway.gateway.config.AuthConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds authenticators from provider configs and requirements from their config form; setup
 * code.
 *
 * <p>Stateless.
 */
public final class Authenticators {
  private Authenticators() {}

  /**
   * The authenticator for {@code provider}; a JWT provider's key source is added to
   * {@code sources}.
   */
  public static Authenticator create(AuthConfig.ProviderConfig provider, JwksRegistry jwks,
      List<JwksSource> sources) throws AccessSetupException {
    if (provider instanceof AuthConfig.JwtProvider jwt) {
      JwksSource source = jwt.jwks().file().isPresent()
          ? FileJwks.load(jwt.jwks().file().get()) : jwks.url(jwt.jwks());
      sources.add(source);
      return new JwtAuthenticator(jwt, source, Clock.systemUTC());
    }
    if (provider instanceof AuthConfig.ApiKeyProvider keys) {
      return new ApiKeyAuthenticator(keys);
    }
    return new ClientCertAuthenticator((AuthConfig.ClientCertProvider) provider);
  }

  /**
   * The compiled form of a requirement whose providers the config reader has checked exist in
   * {@code authenticators}.
   */
  public static Requirement requirement(AccessConfig.Requirement config,
      Map<String, Authenticator> authenticators) {
    if (config instanceof AccessConfig.ProviderCheck check) {
      return new Requirement.Check(authenticators.get(check.provider()), check.scopes(),
          check.claims());
    }
    if (config instanceof AccessConfig.AnyOf any) {
      return new Requirement.AnyOf(all(any.options(), authenticators));
    }
    if (config instanceof AccessConfig.AllOf all) {
      return new Requirement.AllOf(all(all.all(), authenticators));
    }
    return Requirement.PUBLIC;
  }

  private static List<Requirement> all(List<AccessConfig.Requirement> configs,
      Map<String, Authenticator> authenticators) {
    List<Requirement> compiled = new ArrayList<>();
    for (AccessConfig.Requirement config : configs) {
      compiled.add(requirement(config, authenticators));
    }
    return compiled;
  }
}
