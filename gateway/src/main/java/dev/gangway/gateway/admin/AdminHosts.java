package dev.gangway.gateway.admin;

import dev.gangway.gateway.config.AddressRange;

/**
 * Which {@code Host} headers the admin listener answers: an IP literal or {@code localhost}, with
 * or without a port. A web page on any site can make a browser on the gateway's machine send
 * requests to 127.0.0.1 under a host name the attacker controls (DNS rebinding); such a request
 * carries that name, so refusing names other than {@code localhost} keeps admin data from pages.
 *
 * <p>Stateless and thread-safe.
 */
final class AdminHosts {
  private AdminHosts() {}

  static boolean allowed(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String name;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return false;
      }
      name = host.substring(1, close);
    } else {
      int colon = host.indexOf(':');
      name = colon < 0 ? host : host.substring(0, colon);
    }
    return name.equalsIgnoreCase("localhost") || AddressRange.parse(name).isPresent();
  }
}
