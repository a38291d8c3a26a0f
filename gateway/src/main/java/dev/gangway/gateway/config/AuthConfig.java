package dev.gangway.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code auth} section: the identity providers requests may authenticate with and the metadata
 * names a verified identity reaches backends under (docs/security.md).
 *
 * <p>Immutable.
 *
 * @param providers in file order; names are unique
 * @param identity the metadata names of the verified identity
 */
public record AuthConfig(List<ProviderConfig> providers, IdentityConfig identity) {
  public static final AuthConfig DEFAULT = new AuthConfig(List.of(), IdentityConfig.DEFAULT);

  public AuthConfig {
    providers = List.copyOf(providers);
    Objects.requireNonNull(identity, "identity");
  }

  /** The provider with this name. */
  public Optional<ProviderConfig> provider(String name) {
    return providers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** One way of proving who the caller is. */
  public sealed interface ProviderConfig permits JwtProvider, ApiKeyProvider, ClientCertProvider {
    String name();

    /** The spelling of the provider's kind in config, messages and {@code /admin/routes}. */
    String kind();
  }

  /**
   * JWT bearer tokens signed by an issuer whose public keys come from a JWKS.
   *
   * @param issuer the exact {@code iss} claim
   * @param audiences tokens must name at least one in {@code aud}; empty accepts any audience
   * @param jwks where the keys come from
   * @param algorithms the accepted {@code alg} values (asymmetric only: never none, never HMAC)
   * @param clockSkew how far {@code exp}, {@code nbf} and {@code iat} may be off
   * @param consumerClaim the claim naming the consumer ({@code sub} unless set)
   * @param query a query parameter that may carry the token, for WebSocket openings
   * @param cookie a cookie that may carry the token
   */
  public record JwtProvider(
      String name,
      String issuer,
      List<String> audiences,
      JwksConfig jwks,
      List<String> algorithms,
      Duration clockSkew,
      String consumerClaim,
      Optional<String> query,
      Optional<String> cookie) implements ProviderConfig {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final List<String> DEFAULT_ALGORITHMS =
        List.of("RS256", "ES256", "PS256", "EdDSA");
    public static final String DEFAULT_CONSUMER_CLAIM = "sub";

    public JwtProvider {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(issuer, "issuer");
      audiences = List.copyOf(audiences);
      Objects.requireNonNull(jwks, "jwks");
      algorithms = List.copyOf(algorithms);
      Objects.requireNonNull(clockSkew, "clockSkew");
      Objects.requireNonNull(consumerClaim, "consumerClaim");
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(cookie, "cookie");
    }

    @Override
    public String kind() {
      return "jwt";
    }
  }

  /**
   * Where a JWT provider's keys come from: a file (read with each snapshot, so a reload rotates
   * it) or an HTTPS URL (fetched in the background, refreshed every {@code refresh} and on an
   * unknown {@code kid} at most every {@code minRefresh}, served stale while the URL is down).
   *
   * @param ca extra CA certificates (PEM) to trust for the URL, besides the JDK's
   */
  public record JwksConfig(
      Optional<Path> file,
      Optional<URI> url,
      Optional<Path> ca,
      Duration refresh,
      Duration minRefresh,
      Duration timeout) {
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MIN_REFRESH = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public JwksConfig {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(ca, "ca");
      if (file.isPresent() == url.isPresent()) {
        throw new IllegalArgumentException("exactly one of file and url");
      }
      Objects.requireNonNull(refresh, "refresh");
      Objects.requireNonNull(minRefresh, "minRefresh");
      Objects.requireNonNull(timeout, "timeout");
    }

    public static JwksConfig file(Path file) {
      return new JwksConfig(Optional.of(file), Optional.empty(), Optional.empty(),
          DEFAULT_REFRESH, DEFAULT_MIN_REFRESH, DEFAULT_TIMEOUT);
    }

    public static JwksConfig url(URI url, Optional<Path> ca, Duration refresh, Duration minRefresh) {
      return new JwksConfig(Optional.empty(), Optional.of(url), ca, refresh, minRefresh,
          DEFAULT_TIMEOUT);
    }
  }

  /**
   * API keys, stored as SHA-256 hashes ({@code gangway hash-key} prints one), each naming a
   * consumer.
   *
   * @param header the request header carrying the key; empty when only the query may
   * @param query the query parameter carrying the key; empty when only the header may
   * @param keys lower-case hex SHA-256 of the key -> consumer
   */
  public record ApiKeyProvider(
      String name, Optional<String> header, Optional<String> query, Map<String, String> keys)
      implements ProviderConfig {
    public ApiKeyProvider {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(query, "query");
      keys = Map.copyOf(keys);
    }

    @Override
    public String kind() {
      return "api_key";
    }
  }

  /**
   * Verified client certificates (mTLS on the front end) as an identity.
   *
   * @param consumers each certificate subject or SAN that is a consumer
   */
  public record ClientCertProvider(String name, List<CertConsumer> consumers)
      implements ProviderConfig {
    public ClientCertProvider {
      Objects.requireNonNull(name, "name");
      consumers = List.copyOf(consumers);
    }

    @Override
    public String kind() {
      return "client_certificate";
    }
  }

  /**
   * A consumer known by its certificate: the subject DN (RFC 4514, compared as distinguished
   * names) or a DNS, URI or email SAN, exactly one of them.
   */
  public record CertConsumer(String consumer, Optional<String> subject, Optional<String> san) {
    public CertConsumer {
      Objects.requireNonNull(consumer, "consumer");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(san, "san");
    }
  }

  /**
   * The gRPC metadata names a verified identity is sent under. The gateway strips client-sent
   * values of each name, identity or not.
   *
   * @param consumer the consumer's name
   * @param subject the authenticated subject (JWT {@code sub}, the key's consumer, the
   *     certificate subject)
   * @param provider the provider that authenticated the request
   * @param claims JWT claim name -> metadata name
   */
  public record IdentityConfig(
      String consumer, String subject, String provider, Map<String, String> claims) {
    public static final IdentityConfig DEFAULT = new IdentityConfig(
        "x-gangway-consumer", "x-gangway-subject", "x-gangway-provider", Map.of());

    public IdentityConfig {
      Objects.requireNonNull(consumer, "consumer");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(provider, "provider");
      claims = Map.copyOf(claims);
    }
  }
}
