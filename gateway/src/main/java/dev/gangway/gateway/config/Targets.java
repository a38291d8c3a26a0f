package dev.gangway.gateway.config;

import io.grpc.NameResolverRegistry;
import java.util.Optional;

/**
 * A sanity check of backend targets before grpc-java sees them: catches the typos that would
 * otherwise surface only as a failing first call.
 *
 * <p>Stateless and thread-safe. Accepted: {@code host:port}, {@code host}, any
 * {@code scheme:///...} target grpc-java resolves ({@code dns:///}, {@code unix:}), and
 * {@code static:///h1:p1,h2:p2} whose every entry must be {@code host:port}.
 */
final class Targets {
  static final String STATIC_PREFIX = "static:///";

  private Targets() {}

  /** What is wrong with {@code target}, if anything. */
  static Optional<String> problem(String target) {
    if (target.isBlank()) {
      return Optional.of("must not be empty");
    }
    for (int i = 0; i < target.length(); i++) {
      if (Character.isWhitespace(target.charAt(i))) {
        return Optional.of(quote(target) + " must not contain spaces");
      }
    }
    if (target.startsWith("static:")) {
      return staticProblem(target);
    }
    Optional<String> scheme = scheme(target);
    // The registry a channel resolves with: grpc-java's dns and unix, our static (the same
    // check a start makes, so validate and start agree).
    if (scheme.isPresent() && NameResolverRegistry.getDefaultRegistry()
        .getProviderForScheme(scheme.get()) == null) {
      return Optional.of(quote(target) + " has scheme " + quote(scheme.get())
          + ", which is not a gRPC target scheme (use host:port, dns:///host:port, unix:/path or"
          + " static:///host:port,host:port)");
    }
    // Without a '/', grpc-java reads the target as host[:port] (it prefixes dns:///).
    boolean plainHostPort = target.indexOf('/') < 0 && !target.startsWith("unix:");
    if (plainHostPort && target.indexOf(':') >= 0 && !isHostPort(target)) {
      return Optional.of(quote(target) + " is not host:port");
    }
    return Optional.empty();
  }

  /**
   * The URI scheme of a target that has one ({@code scheme:} before the first {@code /}). A
   * scheme no name resolver knows would make grpc-java fail at the first call (or at start) with
   * its own message, {@code http://} being the usual slip.
   */
  private static Optional<String> scheme(String target) {
    int colon = target.indexOf(':');
    int slash = target.indexOf('/');
    if (colon <= 0 || slash < 0 || slash < colon) {
      return Optional.empty();
    }
    String scheme = target.substring(0, colon);
    for (int i = 0; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      boolean ok = Character.isLetter(c)
          || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
      if (!ok) {
        return Optional.empty();
      }
    }
    return Optional.of(scheme);
  }

  private static Optional<String> staticProblem(String target) {
    if (!target.startsWith(STATIC_PREFIX)) {
      return Optional.of(quote(target) + " is not static:///host:port,host:port,...");
    }
    String list = target.substring(STATIC_PREFIX.length());
    if (list.isEmpty()) {
      return Optional.of(quote(target) + " lists no addresses");
    }
    for (String entry : list.split(",", -1)) {
      if (!isHostPort(entry)) {
        return Optional.of(quote(target) + " lists " + quote(entry) + ", which is not host:port");
      }
    }
    return Optional.empty();
  }

  /** {@code host:port} or {@code [v6]:port} with a port from 1 to 65535. */
  static boolean isHostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      return false;
    }
    String host = text.substring(0, colon);
    if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
      return false;
    }
    String port = text.substring(colon + 1);
    boolean digits = port.chars().allMatch(c -> c >= '0' && c <= '9');
    if (port.isEmpty() || port.length() > 5 || !digits) {
      return false;
    }
    int number = Integer.parseInt(port);
    return number >= 1 && number <= 65535;
  }

  private static String quote(String text) {
    return ConfigNode.quote(text);
  }
}
