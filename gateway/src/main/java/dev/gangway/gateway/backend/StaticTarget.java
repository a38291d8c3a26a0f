package dev.gangway.gateway.backend;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code static:///host1:port1,host2:port2} target: a fixed list of addresses.
 *
 * <p>Immutable. Hosts are names or IP literals; IPv6 literals go in brackets, which a URI path
 * must percent-encode ({@code static:///%5B::1%5D:50051}).
 *
 * @param authority what the channel calls the service (SNI, {@code :authority}): the URI's
 *     authority when it has one ({@code static://echo.internal/10.0.0.1:5000}), else the first entry
 * @param addresses host and port of each entry, in the order given
 */
record StaticTarget(String authority, List<HostPort> addresses) {
  static final String SCHEME = "static";

  StaticTarget {
    Objects.requireNonNull(authority, "authority");
    addresses = List.copyOf(addresses);
  }

  /** One {@code host:port} entry. */
  record HostPort(String host, int port) {
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * Parses a target whose scheme is {@code static}.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code host:port}
   */
  static StaticTarget parse(URI target) {
    String list = target.getPath() == null ? "" : target.getPath();
    if (list.startsWith("/")) {
      list = list.substring(1);
    }
    if (list.isBlank()) {
      throw new IllegalArgumentException(
          "static target " + target + " lists no addresses (use static:///host1:port1,host2:port2)");
    }
    List<HostPort> addresses = new ArrayList<>();
    for (String entry : list.split(",", -1)) {
      addresses.add(hostPort(target, entry.trim()));
    }
    String authority = target.getAuthority();
    return new StaticTarget(
        authority == null || authority.isEmpty() ? addresses.get(0).toString() : authority, addresses);
  }

  private static HostPort hostPort(URI target, String entry) {
    int colon = entry.lastIndexOf(':');
    if (colon <= 0 || colon == entry.length() - 1) {
      throw badEntry(target, entry);
    }
    String host = entry.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw badEntry(target, entry); // an IPv6 literal without brackets
    }
    int port;
    try {
      port = Integer.parseInt(entry.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw badEntry(target, entry);
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw badEntry(target, entry);
    }
    return new HostPort(host, port);
  }

  private static IllegalArgumentException badEntry(URI target, String entry) {
    return new IllegalArgumentException(
        "static target " + target + ": \"" + entry + "\" is not host:port (port 1-65535)");
  }
}
