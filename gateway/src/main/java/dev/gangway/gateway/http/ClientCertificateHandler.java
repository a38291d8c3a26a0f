package dev.gangway.gateway.http;

import dev.gangway.gateway.config.ServerTlsConfig;
import dev.gangway.gateway.tls.ClientCertificate;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Attaches {@link ClientCertificate#ATTACHMENT} to every request on a TLS connection whose client
 * presented a verified certificate. The certificate belongs to the connection, so it is read once
 * per connection and kept on it (HTTP/2 streams share it).
 *
 * <p>Immutable and thread-safe.
 */
final class ClientCertificateHandler implements HttpHandler {
  @SuppressWarnings("unchecked")
  private static final AttachmentKey<Optional<ClientCertificate>> ON_CONNECTION =
      (AttachmentKey<Optional<ClientCertificate>>) (AttachmentKey<?>)
          AttachmentKey.create(Optional.class);

  private final HttpHandler next;

  ClientCertificateHandler(HttpHandler next) {
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.getConnection().getSslSessionInfo() != null) {
      Optional<ClientCertificate> certificate =
          exchange.getConnection().getAttachment(ON_CONNECTION);
      if (certificate == null) {
        certificate = ClientCertificate.of(exchange);
        exchange.getConnection().putAttachment(ON_CONNECTION, certificate);
      }
      certificate.ifPresent(c -> exchange.putAttachment(ClientCertificate.ATTACHMENT, c));
      boolean forward = RequestSnapshot.attached(exchange).config().server().tls()
          .map(ServerTlsConfig::forwardClientCert).orElse(false);
      if (forward) {
        certificate.ifPresent(c -> exchange.putAttachment(ClientCertificate.FORWARDED, c));
      }
    }
    next.handleRequest(exchange);
  }
}
