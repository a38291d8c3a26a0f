package dev.gangway.gateway.config;

import dev.gangway.gateway.config.AuthConfig.ApiKeyProvider;
import dev.gangway.gateway.config.AuthConfig.CertConsumer;
import dev.gangway.gateway.config.AuthConfig.ClientCertProvider;
import dev.gangway.gateway.config.AuthConfig.IdentityConfig;
import dev.gangway.gateway.config.AuthConfig.JwksConfig;
import dev.gangway.gateway.config.AuthConfig.JwtProvider;
import dev.gangway.gateway.config.AuthConfig.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code auth} section: {@code providers} (each exactly one of {@code jwt},
 * {@code api_keys}, {@code client_certificates}) and {@code identity}.
 *
 * <p>Stateless and thread-safe; setup code.
 */
final class AuthReader {
  static final List<String> KEYS = List.of("providers", "identity");
  static final List<String> PROVIDER_KEYS =
      List.of("name", "jwt", "api_keys", "client_certificates");
  static final List<String> JWT_KEYS = List.of("issuer", "audiences", "jwks_file", "jwks_url",
      "jwks_ca", "jwks_refresh", "jwks_min_refresh", "algorithms", "clock_skew", "consumer_claim",
      "query", "cookie");
  static final List<String> API_KEY_KEYS = List.of("header", "query", "keys");
  static final List<String> KEY_KEYS = List.of("consumer", "sha256");
  static final List<String> CERT_KEYS = List.of("consumers");
  static final List<String> CERT_CONSUMER_KEYS = List.of("consumer", "subject", "san");
  static final List<String> IDENTITY_KEYS = List.of("consumer", "subject", "provider", "claims");

  /** Signature algorithms with public keys (RFC 7518 section 3.1, RFC 8037). */
  static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384",
      "PS512", "ES256", "ES256K", "ES384", "ES512", "EdDSA", "Ed25519");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  /** RFC 9110 token characters. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  /** Lower-case gRPC text metadata names (gRPC over HTTP/2, "Custom-Metadata"). */
  private static final Pattern METADATA = Pattern.compile("[0-9a-z_.-]+");

  private AuthReader() {}

  static AuthConfig read(ConfigNode node, Path base) throws ConfigException {
    node.mapping(KEYS);
    List<ProviderConfig> providers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : node.get("providers").items()) {
      ProviderConfig provider = provider(item, base);
      if (!names.add(provider.name())) {
        throw item.get("name").error(ConfigNode.quote(provider.name()) + " is already a provider");
      }
      providers.add(provider);
    }
    return new AuthConfig(providers, identity(node.get("identity")));
  }

  private static ProviderConfig provider(ConfigNode item, Path base) throws ConfigException {
    item.requiredMapping(PROVIDER_KEYS);
    ConfigNode nameNode = item.get("name");
    String name = nameNode.requiredText();
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error(ConfigNode.quote(name) + " is not a name (letters, digits, _ . -)");
    }
    List<String> kinds = new ArrayList<>();
    for (String kind : List.of("jwt", "api_keys", "client_certificates")) {
      if (!item.get(kind).isAbsent()) {
        kinds.add(kind);
      }
    }
    if (kinds.size() != 1) {
      throw item.error("needs exactly one of jwt, api_keys, client_certificates"
          + (kinds.isEmpty() ? "" : " (has " + String.join(", ", kinds) + ")"));
    }
    return switch (kinds.get(0)) {
      case "jwt" -> jwt(name, item.get("jwt"), base);
      case "api_keys" -> apiKeys(name, item.get("api_keys"));
      default -> clientCertificates(name, item.get("client_certificates"));
    };
  }

  private static JwtProvider jwt(String name, ConfigNode node, Path base) throws ConfigException {
    node.requiredMapping(JWT_KEYS);
    ConfigNode fileNode = node.get("jwks_file");
    ConfigNode urlNode = node.get("jwks_url");
    if (fileNode.isAbsent() == urlNode.isAbsent()) {
      throw node.error("needs exactly one of jwks_file, jwks_url");
    }
    Duration refresh = node.get("jwks_refresh").duration().orElse(JwksConfig.DEFAULT_REFRESH);
    Duration minRefresh =
        node.get("jwks_min_refresh").duration().orElse(JwksConfig.DEFAULT_MIN_REFRESH);
    JwksConfig jwks;
    if (!fileNode.isAbsent()) {
      jwks = new JwksConfig(fileNode.path(base), Optional.empty(), Optional.empty(), refresh,
          minRefresh, JwksConfig.DEFAULT_TIMEOUT);
    } else {
      jwks = new JwksConfig(Optional.empty(), Optional.of(httpsUrl(urlNode)),
          node.get("jwks_ca").path(base), refresh, minRefresh, JwksConfig.DEFAULT_TIMEOUT);
    }
    ConfigNode audiences = node.get("audiences");
    return new JwtProvider(name,
        node.get("issuer").requiredText(),
        audiences.strings().orElse(List.of()),
        jwks,
        algorithms(node.get("algorithms")),
        node.get("clock_skew").duration().orElse(JwtProvider.DEFAULT_CLOCK_SKEW),
        node.get("consumer_claim").text().orElse(JwtProvider.DEFAULT_CONSUMER_CLAIM),
        node.get("query").text(),
        node.get("cookie").text());
  }

  private static URI httpsUrl(ConfigNode node) throws ConfigException {
    String text = node.requiredText();
    try {
      URI uri = new URI(text);
      if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw node.error(ConfigNode.quote(text) + " is not an https:// URL (keys must not travel"
        + " in the clear)");
  }

  private static List<String> algorithms(ConfigNode node) throws ConfigException {
    if (node.isAbsent()) {
      return JwtProvider.DEFAULT_ALGORITHMS;
    }
    List<String> algorithms = new ArrayList<>();
    for (ConfigNode item : node.items()) {
      String alg = item.requiredText();
      if (!ASYMMETRIC.contains(alg)) {
        throw item.error(ConfigNode.quote(alg) + " is not accepted: only public-key signature"
            + " algorithms (never none, never HMAC): "
            + String.join(", ", new java.util.TreeSet<>(ASYMMETRIC)));
      }
      algorithms.add(alg);
    }
    if (algorithms.isEmpty()) {
      throw node.error("must name at least one algorithm");
    }
    return algorithms;
  }

  private static ApiKeyProvider apiKeys(String name, ConfigNode node) throws ConfigException {
    node.requiredMapping(API_KEY_KEYS);
    Optional<String> header = node.get("header").text();
    if (header.isPresent() && !HEADER_NAME.matcher(header.get()).matches()) {
      throw node.get("header").error(ConfigNode.quote(header.get()) + " is not a header name");
    }
    Optional<String> query = node.get("query").text();
    if (header.isEmpty() && query.isEmpty()) {
      throw node.error("needs header, query or both");
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (ConfigNode item : node.get("keys").items()) {
      item.requiredMapping(KEY_KEYS);
      String consumer = item.get("consumer").requiredText();
      ConfigNode hashNode = item.get("sha256");
      String hash = hashNode.requiredText();
      if (!SHA256.matcher(hash).matches()) {
        throw hashNode.error("is not a lower-case hex SHA-256 (64 characters; print one with"
            + " gangway hash-key)");
      }
      String earlier = keys.putIfAbsent(hash, consumer);
      if (earlier != null) {
        throw hashNode.error("is already the key of " + ConfigNode.quote(earlier));
      }
    }
    return new ApiKeyProvider(name, header.map(h -> h.toLowerCase(java.util.Locale.ROOT)), query,
        keys);
  }

  private static ClientCertProvider clientCertificates(String name, ConfigNode node)
      throws ConfigException {
    node.requiredMapping(CERT_KEYS);
    List<CertConsumer> consumers = new ArrayList<>();
    for (ConfigNode item : node.get("consumers").items()) {
      item.requiredMapping(CERT_CONSUMER_KEYS);
      Optional<String> subject = item.get("subject").text();
      Optional<String> san = item.get("san").text();
      if (subject.isPresent() == san.isPresent()) {
        throw item.error("needs exactly one of subject, san");
      }
      if (subject.isPresent()) {
        try {
          new javax.security.auth.x500.X500Principal(subject.get());
        } catch (IllegalArgumentException e) {
          throw item.get("subject").error(ConfigNode.quote(subject.get())
              + " is not a distinguished name (RFC 4514, e.g. CN=billing,O=Example)");
        }
      }
      consumers.add(new CertConsumer(item.get("consumer").requiredText(), subject, san));
    }
    return new ClientCertProvider(name, consumers);
  }

  private static IdentityConfig identity(ConfigNode node) throws ConfigException {
    node.mapping(IDENTITY_KEYS);
    IdentityConfig d = IdentityConfig.DEFAULT;
    Map<String, String> claims = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : node.get("claims").entries().entrySet()) {
      claims.put(e.getKey(), metadataName(e.getValue()));
    }
    return new IdentityConfig(
        node.get("consumer").isAbsent() ? d.consumer() : metadataName(node.get("consumer")),
        node.get("subject").isAbsent() ? d.subject() : metadataName(node.get("subject")),
        node.get("provider").isAbsent() ? d.provider() : metadataName(node.get("provider")),
        claims);
  }

  private static String metadataName(ConfigNode node) throws ConfigException {
    String name = node.requiredText();
    if (!METADATA.matcher(name).matches() || name.startsWith("grpc-") || name.endsWith("-bin")) {
      throw node.error(ConfigNode.quote(name) + " is not a gRPC text metadata name (lower-case"
          + " 0-9 a-z _ . -, not grpc-*, not *-bin)");
    }
    return name;
  }
}
