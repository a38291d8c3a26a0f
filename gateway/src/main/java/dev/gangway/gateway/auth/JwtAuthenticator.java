package dev.gangway.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.gangway.gateway.config.AuthConfig.JwtProvider;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JWT bearer tokens from {@code Authorization: Bearer}, or a configured query parameter or
 * cookie: signed with an allowed public-key algorithm by a key of the provider's JWKS, issued by
 * its issuer for one of its audiences, within {@code exp} / {@code nbf} / {@code iat} give or take
 * the clock skew.
 *
 * <p>Immutable and thread-safe. The algorithm allowlist is checked against the token header
 * before any key is chosen, and a key is chosen by type as well as id, so neither {@code none}
 * nor an HMAC signature made with a public key can pass (RFC 8725 section 3.1).
 */
public final class JwtAuthenticator implements Authenticator {
  private static final String BEARER = "bearer ";
  /** A token larger than this is not one of ours; refused before parsing. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  private final JwtProvider config;
  private final JwksSource keys;
  private final Set<JWSAlgorithm> algorithms = new HashSet<>();
  private final DefaultJWTClaimsVerifier<?> claimsVerifier;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
  private final Clock clock;

  JwtAuthenticator(JwtProvider config, JwksSource keys, Clock clock) {
    this.config = config;
    this.keys = keys;
    this.clock = clock;
    config.algorithms().forEach(a -> algorithms.add(JWSAlgorithm.parse(a)));
    Set<String> audiences = config.audiences().isEmpty() ? null : Set.copyOf(config.audiences());
    claimsVerifier = new DefaultJWTClaimsVerifier<>(audiences,
        new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
        Set.of("exp", "iss"), null) {
      @Override
      protected Date currentTime() {
        return Date.from(JwtAuthenticator.this.clock.instant());
      }
    };
    claimsVerifier.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, config.clockSkew().toSeconds()));
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public String kind() {
    return config.kind();
  }

  @Override
  public boolean bearer() {
    return true;
  }

  /** The keys' state, for readiness. */
  JwksSource keys() {
    return keys;
  }

  @Override
  public Authentication authenticate(Credentials credentials) {
    Optional<String> token = token(credentials);
    if (token.isEmpty()) {
      return new Authentication.Absent(hint());
    }
    if (token.get().length() > MAX_TOKEN_CHARS) {
      return new Authentication.Rejected("token longer than " + MAX_TOKEN_CHARS + " characters");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token.get());
    } catch (ParseException e) {
      return new Authentication.Rejected("malformed token");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      return new Authentication.Rejected(jwt instanceof EncryptedJWT
          ? "encrypted tokens are not accepted" : "unsigned token (alg none) is not accepted");
    }
    JWSHeader header = signed.getHeader();
    if (!algorithms.contains(header.getAlgorithm())) {
      return new Authentication.Rejected("token algorithm " + header.getAlgorithm()
          + " is not accepted (accepted: " + String.join(", ", config.algorithms()) + ")");
    }
    Optional<JWKSet> current = keys.current();
    if (current.isEmpty()) {
      return new Authentication.Pending(keys.refreshForUnknownKid());
    }
    List<JWK> candidates = new JWKSelector(JWKMatcher.forJWSHeader(header)).select(current.get());
    if (candidates.isEmpty()) {
      return new Authentication.Pending(keys.refreshForUnknownKid());
    }
    return verify(signed, header, candidates);
  }

  /**
   * What to say when the keys are still missing after a refresh: for the gate's second look at a
   * request that was {@link Authentication.Pending}.
   */
  Authentication afterRefresh(Credentials credentials) {
    Authentication again = authenticate(credentials);
    if (again instanceof Authentication.Pending) {
      return new Authentication.Rejected(keys.current().isEmpty()
          ? "the provider's signing keys are not available yet"
          : "no key of the provider matches the token's key id and algorithm");
    }
    return again;
  }

  private Authentication verify(SignedJWT signed, JWSHeader header, List<JWK> candidates) {
    boolean verified = false;
    for (Key key : KeyConverter.toJavaKeys(candidates)) {
      try {
        JWSVerifier verifier = verifiers.createJWSVerifier(header, key);
        if (signed.verify(verifier)) {
          verified = true;
          break;
        }
      } catch (JOSEException e) {
        // A key that cannot verify this algorithm: try the next one.
      }
    }
    if (!verified) {
      return new Authentication.Rejected("invalid signature");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
      claimsVerifier.verify(claims, null);
    } catch (ParseException e) {
      return new Authentication.Rejected("malformed claims");
    } catch (BadJWTException e) {
      return new Authentication.Rejected(claimsProblem(e.getMessage()));
    }
    Date issuedAt = claims.getIssueTime();
    if (issuedAt != null && issuedAt.toInstant()
        .isAfter(clock.instant().plus(config.clockSkew()))) {
      return new Authentication.Rejected("token issued in the future (iat)");
    }
    Map<String, String> values = claimValues(claims);
    String consumer = values.get(config.consumerClaim());
    if (consumer == null || consumer.isEmpty()) {
      return new Authentication.Rejected("token has no " + config.consumerClaim() + " claim");
    }
    return new Authentication.Verified(new Identity(config.name(), consumer,
        values.getOrDefault("sub", consumer), scopes(claims), values));
  }

  /** Nimbus's messages mention claim values; ours name only the check that failed. */
  private static String claimsProblem(String message) {
    String m = message == null ? "" : message;
    if (m.startsWith("Expired")) {
      return "token expired (exp)";
    }
    if (m.contains("before use time")) {
      return "token not yet valid (nbf)";
    }
    if (m.contains("aud")) {
      return "token audience not accepted (aud)";
    }
    if (m.contains("iss")) {
      return "token issuer not accepted (iss)";
    }
    if (m.contains("missing required claims")) {
      return "token lacks a required claim (exp, iss)";
    }
    return "token claims rejected";
  }

  private static List<String> scopes(JWTClaimsSet claims) {
    List<String> scopes = new ArrayList<>();
    Object scope = claims.getClaim("scope");
    if (scope instanceof String s) {
      for (String part : s.split(" ")) {
        if (!part.isEmpty()) {
          scopes.add(part);
        }
      }
    }
    Object scp = claims.getClaim("scp");
    if (scp instanceof List<?> list) {
      list.forEach(v -> scopes.add(String.valueOf(v)));
    } else if (scp instanceof String s) {
      scopes.add(s);
    }
    return scopes;
  }

  /** Every claim as a string: lists joined with spaces, objects as JSON. */
  private static Map<String, String> claimValues(JWTClaimsSet claims) {
    Map<String, String> values = new HashMap<>();
    claims.toJSONObject().forEach((name, value) -> {
      if (value instanceof List<?> list) {
        values.put(name, String.join(" ", list.stream().map(String::valueOf).toList()));
      } else if (value != null) {
        values.put(name, String.valueOf(value));
      }
    });
    return values;
  }

  private Optional<String> token(Credentials credentials) {
    Optional<String> authorization = credentials.header("authorization");
    if (authorization.isPresent() && authorization.get().regionMatches(true, 0, BEARER, 0,
        BEARER.length())) {
      return Optional.of(authorization.get().substring(BEARER.length()).trim());
    }
    Optional<String> fromQuery = config.query().flatMap(credentials::query);
    if (fromQuery.isPresent()) {
      return fromQuery;
    }
    return config.cookie().flatMap(credentials::cookie);
  }

  private String hint() {
    StringBuilder hint = new StringBuilder("send Authorization: Bearer <token>");
    config.query().ifPresent(q -> hint.append(" or query parameter ").append(q));
    config.cookie().ifPresent(c -> hint.append(" or cookie ").append(c));
    return hint.toString();
  }
}
