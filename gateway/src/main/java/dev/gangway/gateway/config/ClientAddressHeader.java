package dev.gangway.gateway.config;

/**
 * The header a trusted proxy names the client in ({@code server.client_address_header}): the one
 * the proxies in front of the gateway write. Only one is read, never both: a proxy that writes one
 * passes the other through as the client sent it.
 */
public enum ClientAddressHeader {
  /** {@code X-Forwarded-For: client, proxy1} (the de facto standard; the default). */
  X_FORWARDED_FOR("X-Forwarded-For"),
  /** RFC 7239 {@code Forwarded: for=client;proto=https, for=proxy1}: its {@code for} nodes. */
  FORWARDED("Forwarded");

  private final String headerName;

  ClientAddressHeader(String headerName) {
    this.headerName = headerName;
  }

  /** Its spelling in the configuration: the header's name in lower case. */
  public String configName() {
    return headerName.toLowerCase(java.util.Locale.ROOT);
  }

  /** The header's name as it is sent. */
  public String headerName() {
    return headerName;
  }
}
