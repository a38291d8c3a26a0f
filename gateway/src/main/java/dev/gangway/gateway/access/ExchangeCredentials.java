package dev.gangway.gateway.access;

import dev.gangway.gateway.auth.Credentials;
import dev.gangway.gateway.tls.ClientCertificate;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Optional;

/**
 * The credentials of one exchange, read on demand: headers, query parameters (percent-decoded
 * here, since the listener leaves URLs encoded), cookies, the client certificate the TLS layer
 * verified (attached by the chain's ClientCertificate stage, read once per connection), and the
 * peer address.
 *
 * <p>Not thread-safe; confined to the exchange's handling.
 */
final class ExchangeCredentials implements Credentials {
  private final HttpServerExchange exchange;

  ExchangeCredentials(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  @Override
  public Optional<String> query(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(URLDecoder.decode(values.getFirst(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.of(values.getFirst());
    }
  }

  @Override
  public Optional<String> cookie(String name) {
    Cookie cookie = exchange.getRequestCookie(name);
    return cookie == null ? Optional.empty() : Optional.ofNullable(cookie.getValue());
  }

  @Override
  public Optional<ClientCertificate> clientCertificate() {
    return Optional.ofNullable(exchange.getAttachment(ClientCertificate.ATTACHMENT));
  }

  @Override
  public Optional<InetAddress> peerAddress() {
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null ? Optional.empty() : Optional.ofNullable(source.getAddress());
  }
}
