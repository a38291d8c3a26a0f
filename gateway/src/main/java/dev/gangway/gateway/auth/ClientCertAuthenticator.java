package dev.gangway.gateway.auth;

import dev.gangway.gateway.config.AuthConfig.CertConsumer;
import dev.gangway.gateway.config.AuthConfig.ClientCertProvider;
import dev.gangway.gateway.tls.ClientCertificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Client certificates that the front end's TLS layer has already verified against its trusted CA
 * (mTLS), mapped to consumers by subject DN or subject alternative name. This class does no
 * chain validation of its own: an unverified certificate never reaches it. It reads the
 * certificate the chain attached ({@link ClientCertificate#ATTACHMENT}), the same one that
 * {@code forward_client_cert} sends to backends.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientCertAuthenticator implements Authenticator {
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
    Optional<ClientCertificate> presented = credentials.clientCertificate();
    if (presented.isEmpty()) {
      return new Authentication.Absent("connect with a client certificate (mTLS)");
    }
    ClientCertificate certificate = presented.get();
    String consumer = bySubject.get(
        certificate.leaf().getSubjectX500Principal().getName(X500Principal.CANONICAL));
    // SANs as the certificate lists them: email, DNS, URI, IP (ClientCertificate's kinds).
    for (int i = 0; consumer == null && i < certificate.subjectAlternativeNames().size(); i++) {
      consumer = bySan.get(certificate.subjectAlternativeNames().get(i));
    }
    if (consumer == null) {
      return new Authentication.Rejected("client certificate " + certificate.subject()
          + " is not a known consumer");
    }
    return new Authentication.Verified(
        new Identity(name, consumer, certificate.subject(), List.of(), Map.of()));
  }

  static boolean sameName(String a, String b) {
    return Objects.equals(new X500Principal(a).getName(X500Principal.CANONICAL),
        new X500Principal(b).getName(X500Principal.CANONICAL));
  }
}
