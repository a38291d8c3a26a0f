package dev.gangway.samples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Loopback helpers: a free port for a server that must come back on the same port, and query
 * value encoding.
 *
 * <p>Stateless and thread-safe.
 */
final class Net {
  private Net() {}

  /**
   * A port nothing listens on right now. Another process could take it before the caller binds
   * it; on loopback in a test run that is rare, and the bind then fails loudly rather than
   * silently testing something else.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Percent-encodes a query value, spaces as {@code %20}: the gateway keeps {@code +} as a plus
   * (query_plus_as_space is off), as Envoy does.
   */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
