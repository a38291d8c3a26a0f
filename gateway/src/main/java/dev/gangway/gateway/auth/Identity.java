package dev.gangway.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A verified caller: which provider vouched for it, the consumer it counts as (for rate limits and
 * backends), its subject, its scopes and the claims it carried.
 *
 * <p>Immutable.
 *
 * @param provider the provider's name
 * @param consumer the consumer (the API key's consumer, the JWT's consumer claim, the
 *     certificate's configured consumer)
 * @param subject the subject (the JWT {@code sub}, the key's consumer, the certificate subject)
 * @param scopes from the JWT {@code scope} / {@code scp} claims; empty for other providers
 * @param claims the JWT claims as strings (lists joined with spaces); empty for other providers
 */
public record Identity(
    String provider, String consumer, String subject, List<String> scopes,
    Map<String, String> claims) {
  public Identity {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(subject, "subject");
    scopes = List.copyOf(scopes);
    claims = Map.copyOf(claims);
  }
}
