package dev.gangway.gateway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JWT issuer for tests: RSA and EC key pairs generated here, a JWKS of their public halves, and
 * tokens signed with them (good ones and every kind of bad one).
 *
 * <p>Thread-safe: the published key set is one atomic reference.
 */
public final class TestIssuer {
  public static final String ISSUER = "https://issuer.test";
  public static final String AUDIENCE = "gangway-tests";

  private final RSAKey rsa;
  private final ECKey ec;
  private final AtomicReference<List<JWK>> published = new AtomicReference<>();

  public TestIssuer() {
    try {
      rsa = new RSAKeyGenerator(2048).keyID("rsa-1").keyUse(KeyUse.SIGNATURE).generate();
      ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    published.set(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
  }

  public RSAKey rsa() {
    return rsa;
  }

  public ECKey ec() {
    return ec;
  }

  /** A new RSA key (not yet published). */
  public static RSAKey newRsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Publishes exactly these keys (their public halves) from now on. */
  public void publish(JWK... keys) {
    List<JWK> list = new ArrayList<>();
    for (JWK key : keys) {
      list.add(key.toPublicJWK());
    }
    published.set(List.copyOf(list));
  }

  /** The JWKS JSON currently published. */
  public String jwks() {
    return new JWKSet(published.get()).toString(true);
  }

  public Path writeJwks(Path file) throws java.io.IOException {
    return Files.writeString(file, jwks(), StandardCharsets.UTF_8);
  }

  /** Claims valid for five minutes for {@code subject}, with this issuer and audience. */
  public static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(1)))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  public String rs256(JWTClaimsSet claims) {
    return sign(rsa, JWSAlgorithm.RS256, claims);
  }

  public String es256(JWTClaimsSet claims) {
    return sign(ec, JWSAlgorithm.ES256, claims);
  }

  /** A token for {@code subject} with these scopes, RS256. */
  public String token(String subject, String... scopes) {
    JWTClaimsSet.Builder claims = claims(subject);
    if (scopes.length > 0) {
      claims.claim("scope", String.join(" ", scopes));
    }
    return rs256(claims.build());
  }

  public static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) {
    try {
      JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID())
          .type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code alg: none}: no signature at all. */
  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /**
   * HS256 with the issuer's RSA public key (its DER bytes) as the HMAC secret: the classic
   * algorithm-confusion attack against verifiers that pick the algorithm from the token.
   */
  public String hs256WithPublicKey(JWTClaimsSet claims) {
    try {
      byte[] secret = rsa.toRSAPublicKey().getEncoded();
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsa.getKeyID()).build(), claims);
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A good token whose payload was changed after signing. */
  public String tampered(JWTClaimsSet claims, String claim, Object value) {
    String token = rs256(claims);
    String[] parts = token.split("\\.");
    Map<String, Object> json = claims.toJSONObject();
    json.put(claim, value);
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        com.nimbusds.jose.util.JSONObjectUtils.toJSONString(json)
            .getBytes(StandardCharsets.UTF_8));
    return parts[0] + "." + payload + "." + parts[2];
  }
}
