package dev.gangway.gateway.admin;

import dev.gangway.gateway.access.RouteAccess;
import dev.gangway.gateway.auth.Credentials;
import dev.gangway.gateway.auth.Failure;
import dev.gangway.gateway.auth.Identity;
import dev.gangway.gateway.auth.RequestAuth;
import dev.gangway.gateway.auth.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code access} part of {@code /admin/explain}: the route's policy and whether a request
 * with the given headers would meet its requirement (with the identity it would carry) or miss it
 * (with the status and message the gateway would answer). Rate limits are listed, not consumed.
 *
 * <p>Stateless.
 */
final class AccessExplain {
  private AccessExplain() {}

  static Map<String, Object> of(RouteAccess policy, Credentials credentials) {
    Map<String, Object> out = new LinkedHashMap<>();
    AccessJson json = AccessJson.of(policy);
    out.put("rule", json.rule());
    out.put("require", json.require());
    out.put("rateLimits", json.rateLimits());
    Verdict verdict = policy.requirement().evaluate(new RequestAuth(credentials, false));
    if (verdict instanceof Verdict.Met met) {
      out.put("verdict", "met");
      met.identity().ifPresent(identity -> out.put("identity", identity(identity)));
    } else if (verdict instanceof Verdict.Missed missed) {
      Failure failure = missed.failure();
      boolean unauthenticated = failure.kind() == Failure.Kind.UNAUTHENTICATED;
      out.put("verdict", "missed");
      out.put("status", unauthenticated ? 401 : 403);
      out.put("message", (unauthenticated ? "unauthenticated: " : "permission denied: ")
          + failure.message());
    } else {
      out.put("verdict", "undecided");
      out.put("message", "the token names a key the provider is fetching now; ask again");
    }
    return out;
  }

  private static Map<String, Object> identity(Identity identity) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("provider", identity.provider());
    out.put("consumer", identity.consumer());
    out.put("subject", identity.subject());
    out.put("scopes", identity.scopes());
    return out;
  }
}
