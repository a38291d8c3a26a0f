package dev.gangway.gateway.access;

import dev.gangway.gateway.auth.Failure;
import dev.gangway.gateway.auth.Requirement;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code WWW-Authenticate} challenges of a refusal: {@code Bearer} with the RFC 6750
 * section 3.1 error code for JWT providers (no code when no token was sent, as section 3.1 asks),
 * {@code ApiKey} for API-key providers, {@code ClientCertificate} for certificate providers. A
 * 401 always has at least one (RFC 9110 section 15.5.2).
 *
 * <p>Stateless.
 */
final class Challenges {
  static final String REALM = "gangway";

  private Challenges() {}

  static void add(HttpServerExchange exchange, Requirement requirement, Failure failure) {
    Set<String> kinds = new TreeSet<>();
    requirement.providerKinds(kinds);
    if (kinds.contains("jwt") || kinds.isEmpty()) {
      StringBuilder bearer = new StringBuilder("Bearer realm=\"" + REALM + "\"");
      failure.bearerError().ifPresent(error -> {
        bearer.append(", error=\"").append(error).append('"');
        bearer.append(", error_description=\"").append(quotable(failure.message())).append('"');
      });
      failure.scope().ifPresent(scope ->
          bearer.append(", scope=\"").append(quotable(scope)).append('"'));
      exchange.getResponseHeaders().add(Headers.WWW_AUTHENTICATE, bearer.toString());
    }
    if (failure.kind() == Failure.Kind.UNAUTHENTICATED) {
      if (kinds.contains("api_key")) {
        exchange.getResponseHeaders().add(Headers.WWW_AUTHENTICATE,
            "ApiKey realm=\"" + REALM + "\"");
      }
      if (kinds.contains("client_certificate")) {
        exchange.getResponseHeaders().add(Headers.WWW_AUTHENTICATE,
            "ClientCertificate realm=\"" + REALM + "\"");
      }
    }
  }

  /**
   * RFC 6750 section 3: error_description and scope values are %x20-21 / %x23-5B / %x5D-7E, i.e.
   * printable ASCII without {@code "} and {@code \}.
   */
  static String quotable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '\'');
    }
    return out.toString();
  }
}
