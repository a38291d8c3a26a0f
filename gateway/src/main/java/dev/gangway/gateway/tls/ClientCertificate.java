package dev.gangway.gateway.tls;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.AttachmentKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The client certificate a TLS connection presented and the handshake verified against
 * {@code server.tls.client_ca_file}: the identity of an mTLS partner. This is the one place to
 * read it: {@code exchange.getAttachment(ClientCertificate.ATTACHMENT)} (null without a verified
 * certificate), set before routing for every request on such a connection, HTTP/1.1 or HTTP/2,
 * including WebSocket upgrades. {@link #FORWARDED} holds the same certificate when
 * {@code server.tls.forward_client_cert} sends it to backends. docs/security.md describes it.
 *
 * <p>Immutable.
 *
 * @param chain the verified chain, leaf first
 * @param subject the leaf's subject distinguished name (RFC 2253), e.g. {@code CN=partner,O=Acme}
 * @param subjectAlternativeNames the leaf's DNS names, IP addresses, URIs and e-mail addresses,
 *     in certificate order
 */
public record ClientCertificate(
    List<X509Certificate> chain, String subject, List<String> subjectAlternativeNames) {
  /** Where the request's verified client certificate is attached. */
  public static final AttachmentKey<ClientCertificate> ATTACHMENT =
      AttachmentKey.create(ClientCertificate.class);
  /** The certificate whose subject and SANs go to backends as metadata (forward_client_cert). */
  public static final AttachmentKey<ClientCertificate> FORWARDED =
      AttachmentKey.create(ClientCertificate.class);

  public ClientCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a client certificate chain has at least the leaf");
    }
    Objects.requireNonNull(subject, "subject");
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
  }

  /** The connection's verified client certificate, if it presented one. */
  public static Optional<ClientCertificate> of(HttpServerExchange exchange) {
    SSLSessionInfo session = exchange.getConnection().getSslSessionInfo();
    if (session == null) {
      return Optional.empty();
    }
    Certificate[] peer;
    try {
      peer = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException | io.undertow.server.RenegotiationRequiredException
        | RuntimeException e) {
      return Optional.empty();
    }
    if (peer == null || peer.length == 0 || !(peer[0] instanceof X509Certificate)) {
      return Optional.empty();
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : peer) {
      if (certificate instanceof X509Certificate x509) {
        chain.add(x509);
      }
    }
    return Optional.of(of(chain));
  }

  /** The identity of a chain the handshake verified (leaf first, not empty). */
  public static ClientCertificate of(List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    return new ClientCertificate(chain, leaf.getSubjectX500Principal().getName(), names(leaf));
  }

  /** The leaf certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** RFC 5280 section 4.2.1.6: rfc822Name 1, dNSName 2, URI 6, iPAddress 7. */
  private static List<String> names(X509Certificate leaf) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> entries = leaf.getSubjectAlternativeNames();
      if (entries == null) {
        return names;
      }
      for (List<?> entry : entries) {
        int type = (Integer) entry.get(0);
        if (type == 1 || type == 2 || type == 6 || type == 7) {
          names.add(String.valueOf(entry.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      // A certificate the handshake accepted but whose SAN extension does not parse: no SANs.
    }
    return names;
  }
}
