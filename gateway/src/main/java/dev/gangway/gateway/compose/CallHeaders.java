package dev.gangway.gateway.compose;

import dev.gangway.gateway.compose.TemplateCompiler.TemplateProblem;
import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a call's {@code headers} list into gRPC metadata keys, refusing names that cannot or must
 * not travel as text metadata.
 *
 * <p>Stateless; setup code.
 */
final class CallHeaders {
  /** Hop-by-hop (RFC 9110 section 7.6.1) or owned by the gRPC transport. */
  private static final Set<String> NEVER = Set.of("connection", "keep-alive", "proxy-connection",
      "te", "trailer", "transfer-encoding", "upgrade", "content-type", "user-agent", "host",
      "content-length");

  private CallHeaders() {}

  /** @param names lower-case header names */
  static List<Metadata.Key<String>> keys(List<String> names) throws TemplateProblem {
    List<Metadata.Key<String>> keys = new ArrayList<>();
    for (String name : names) {
      if (NEVER.contains(name) || name.startsWith("grpc-") || name.startsWith("proxy-")) {
        throw new TemplateProblem("headers: " + name + " is never forwarded (hop-by-hop or "
            + "owned by the gRPC transport)");
      }
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX) || !validKey(name)) {
        throw new TemplateProblem("headers: " + name + " cannot be a gRPC text metadata name "
            + "(0-9 a-z _ - . and not ending in -bin)");
      }
      keys.add(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
    return keys;
  }

  private static boolean validKey(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.')) {
        return false;
      }
    }
    return !name.isEmpty();
  }
}
