package dev.gangway.gateway.auth;

import dev.gangway.gateway.config.AuthConfig.CertConsumer;
import dev.gangway.gateway.config.AuthConfig.ClientCertProvider;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * Client certificates that the front end's TLS layer has already verified against its trusted CA
 * (mTLS), mapped to consumers by subject DN or subject alternative name. This class does no
 * chain validation of its own: an unverified certificate never reaches it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientCertAuthenticator implements Authenticator {
  /** SAN types (RFC 5280 GeneralName tags) that name a consumer: email, DNS, URI, IP. */
  private static final List<Integer> NAME_TYPES = List.of(1, 2, 6, 7);

  private final String name;
  /** By canonical RFC 2253 DN, so spacing and case in the config do not matter. */
  private final Map<String, String> bySubject = new HashMap<>();
  private final Map<String, String> bySan = new HashMap<>();

  ClientCertAuthenticator(ClientCertProvider config) {
    this.name = config.name();
    for (CertConsumer consumer : config.consumers()) {
      consumer.subject().ifPresent(s -> bySubject.putIfAbsent(
          new X500Principal(s).getName(X500Principal.CANONICAL), consumer.consumer()));
      consumer.san().ifPresent(s -> bySan.putIfAbsent(s, consumer.consumer()));
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "client_certificate";
  }

  @Override
  public Authentication authenticate(Credentials credentials) {
    List<X509Certificate> chain = credentials.clientCertificates();
    if (chain.isEmpty()) {
      return new Authentication.Absent("connect with a client certificate (mTLS)");
    }
    X509Certificate leaf = chain.get(0);
    String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
    String consumer =
        bySubject.get(leaf.getSubjectX500Principal().getName(X500Principal.CANONICAL));
    if (consumer == null) {
      consumer = sanConsumer(leaf);
    }
    if (consumer == null) {
      return new Authentication.Rejected("client certificate " + subject
          + " is not a known consumer");
    }
    return new Authentication.Verified(
        new Identity(name, consumer, subject, List.of(), Map.of()));
  }

  private String sanConsumer(X509Certificate leaf) {
    Collection<List<?>> sans;
    try {
      sans = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return null;
    }
    if (sans == null) {
      return null;
    }
    for (List<?> san : sans) {
      if (san.size() >= 2 && NAME_TYPES.contains(san.get(0)) && san.get(1) instanceof String v) {
        String consumer = bySan.get(v);
        if (consumer != null) {
          return consumer;
        }
      }
    }
    return null;
  }

  static boolean sameName(String a, String b) {
    return Objects.equals(new X500Principal(a).getName(X500Principal.CANONICAL),
        new X500Principal(b).getName(X500Principal.CANONICAL));
  }
}
