package dev.gangway.gateway.openapi;

import dev.gangway.gateway.config.AccessConfig;
import dev.gangway.gateway.config.AuthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code auth} and {@code access} sections as OpenAPI security: a scheme per provider (JWT as
 * HTTP bearer, API keys as {@code apiKey} in their header or query parameter, client certificates
 * as {@code mutualTLS}), and per route the requirement its access rule sets, as OpenAPI's list of
 * alternatives ({@code any_of} becomes alternatives, {@code all_of} one alternative naming them
 * all; a public alternative is the empty requirement {@code {}}).
 *
 * <p>Stateless; setup code.
 */
final class SecuritySchemes {
  private SecuritySchemes() {}

  /** The scheme of each provider, by provider name. */
  static Map<String, Map<String, Object>> of(AuthConfig auth) {
    Map<String, Map<String, Object>> schemes = new TreeMap<>();
    for (AuthConfig.ProviderConfig provider : auth.providers()) {
      schemes.put(provider.name(), scheme(provider));
    }
    return schemes;
  }

  private static Map<String, Object> scheme(AuthConfig.ProviderConfig provider) {
    Map<String, Object> scheme = new LinkedHashMap<>();
    if (provider instanceof AuthConfig.JwtProvider jwt) {
      scheme.put("type", "http");
      scheme.put("scheme", "bearer");
      scheme.put("bearerFormat", "JWT");
      StringBuilder doc = new StringBuilder("A JWT from issuer `" + jwt.issuer() + "`");
      if (!jwt.audiences().isEmpty()) {
        doc.append(" for audience ").append(String.join(" or ", jwt.audiences().stream()
            .map(a -> "`" + a + "`").toList()));
      }
      doc.append(", in `Authorization: Bearer <token>`");
      jwt.query().ifPresent(q -> doc.append(" or the query parameter `").append(q).append('`'));
      jwt.cookie().ifPresent(c -> doc.append(" or the cookie `").append(c).append('`'));
      scheme.put("description", doc.append('.').toString());
    } else if (provider instanceof AuthConfig.ApiKeyProvider keys) {
      scheme.put("type", "apiKey");
      boolean header = keys.header().isPresent();
      scheme.put("in", header ? "header" : "query");
      scheme.put("name", header ? keys.header().get() : keys.query().orElseThrow());
      if (header && keys.query().isPresent()) {
        scheme.put("description",
            "Or in the query parameter `" + keys.query().get() + "`.");
      }
    } else {
      scheme.put("type", "mutualTLS");
      scheme.put("description", "A client certificate the gateway's TLS listener verifies.");
    }
    return scheme;
  }

  /** The OpenAPI security requirements of an access requirement; empty when it is public. */
  static List<Map<String, List<String>>> requirements(AccessConfig.Requirement requirement) {
    List<Map<String, List<String>>> alternatives = alternatives(requirement);
    boolean onlyPublic = alternatives.stream().allMatch(Map::isEmpty);
    return onlyPublic ? List.of() : alternatives;
  }

  private static List<Map<String, List<String>>> alternatives(AccessConfig.Requirement r) {
    List<Map<String, List<String>>> out = new ArrayList<>();
    if (r instanceof AccessConfig.Public) {
      out.add(Map.of());
    } else if (r instanceof AccessConfig.ProviderCheck check) {
      out.add(Map.of(check.provider(), check.scopes()));
    } else if (r instanceof AccessConfig.AnyOf any) {
      for (AccessConfig.Requirement option : any.options()) {
        for (Map<String, List<String>> alternative : alternatives(option)) {
          if (!out.contains(alternative)) {
            out.add(alternative);
          }
        }
      }
    } else if (r instanceof AccessConfig.AllOf all) {
      out.add(Map.of());
      for (AccessConfig.Requirement one : all.all()) {
        out = product(out, alternatives(one));
      }
    }
    return out;
  }

  /** Every alternative of {@code a} joined with every alternative of {@code b}. */
  private static List<Map<String, List<String>>> product(
      List<Map<String, List<String>>> a, List<Map<String, List<String>>> b) {
    List<Map<String, List<String>>> out = new ArrayList<>();
    for (Map<String, List<String>> left : a) {
      for (Map<String, List<String>> right : b) {
        Map<String, List<String>> joined = new TreeMap<>(left);
        right.forEach((name, scopes) -> joined.merge(name, scopes, (x, y) -> {
          List<String> both = new ArrayList<>(x);
          y.stream().filter(s -> !both.contains(s)).forEach(both::add);
          return both;
        }));
        out.add(joined);
      }
    }
    return out;
  }
}
