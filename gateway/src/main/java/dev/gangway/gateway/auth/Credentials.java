package dev.gangway.gateway.auth;

import dev.gangway.gateway.tls.ClientCertificate;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What a request offers to prove who sent it, read lazily from the request: headers, query
 * parameters, cookies, the verified client certificate chain and the peer address.
 *
 * <p>Implementations read one request and are confined to its handling.
 */
public interface Credentials {
  /** The first value of a request header (name case-insensitive). */
  Optional<String> header(String name);

  /** The first value of a query parameter (percent-decoded). */
  Optional<String> query(String name);

  /** The value of a cookie. */
  Optional<String> cookie(String name);

  /**
   * The client certificate the TLS handshake verified ({@link ClientCertificate#ATTACHMENT});
   * empty without mTLS.
   */
  Optional<ClientCertificate> clientCertificate();

  /** The address of the TCP peer. */
  Optional<InetAddress> peerAddress();
}
